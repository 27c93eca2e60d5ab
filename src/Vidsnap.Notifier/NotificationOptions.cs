using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Notifier;

public sealed class NotificationOptions : IOptionsSection
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
}
