using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Hosting;

public sealed class VidsnapOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Vidsnap";

    public const string Embedded = "embedded";

    public const string Distributed = "distributed";

    static string IOptionsSection.Section => Section;

    /// <summary>"embedded" (one process, SQLite, files) or "distributed" (PostgreSQL, S3, SQS, SMTP).</summary>
    public string Mode { get; set; } = Embedded;

    /// <summary>Roles this process runs: comma separated, or "all".</summary>
    public string Roles { get; set; } = "all";

    public string? DataDirectory { get; set; }

    /// <summary>The address clients use to reach the gateway; taken from each request when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long a process may take to stop after SIGTERM. Workers stop receiving at once, let running handlers
    /// finish for all but the last 5 s of it, then give their messages back to the queue. Kubernetes'
    /// terminationGracePeriodSeconds must be longer.
    /// </summary>
    [Range(1, 86_400)]
    public int ShutdownGraceSeconds { get; set; } = 30;

    public TimeSpan HandlerDrainTime => TimeSpan.FromSeconds(Math.Max(1, ShutdownGraceSeconds - 5));

    public bool IsDistributed => string.Equals(Mode, Distributed, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Mode, Embedded, StringComparison.OrdinalIgnoreCase) && !IsDistributed)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Mode)} '{Mode}' is not known. Use '{Embedded}' or '{Distributed}'.", [nameof(Mode)]);
        }

        if (PublicBaseUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicBaseUrl)} must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
