using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Notifier;

public sealed class NotificationOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Notifications";

    static string IOptionsSection.Section => Section;

    /// <summary>Emails one address receives in an hour at most; the rest are held back (counted and logged).</summary>
    [Range(1, 10_000)]
    public int MaxPerUserPerHour { get; set; } = 30;

    /// <summary>A video's failure is emailed once in this long, however often it is retried and fails again.</summary>
    [Range(0, 24 * 365)]
    public int FailureEmailWindowHours { get; set; } = 24;

    /// <summary>
    /// How long a notifier's claim on an email holds without being renewed. A live sender renews it while it sends;
    /// a dead one's lapses this soon, well before the queue's redeliveries of its request run out.
    /// </summary>
    [Range(1, 300)]
    public int ClaimSeconds { get; set; } = 15;

    /// <summary>
    /// The web app's address, for the button to a video's page in its emails; Vidsnap:PublicBaseUrl when empty. With
    /// neither, emails tell the owner to sign in instead of linking (the notifier serves no request to learn it from).
    /// </summary>
    public string? WebAppUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebAppUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"{Section}:{nameof(WebAppUrl)} must be an absolute http(s) URL.", [nameof(WebAppUrl)]);
        }
    }
}
