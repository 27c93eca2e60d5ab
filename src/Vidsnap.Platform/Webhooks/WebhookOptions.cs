using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Webhooks;

/// <summary>How webhook endpoints are accepted (api) and delivered to (notifier).</summary>
public sealed class WebhookOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Webhooks";

    static string IOptionsSection.Section => Section;

    /// <summary>Allow http and targets on loopback and private networks. Unset: the mode's default (embedded yes, distributed no).</summary>
    public bool? AllowPrivateTargets { get; set; }

    /// <summary>
    /// Delays in seconds between attempts after the first, comma separated (a list, not an array setting, so a
    /// configured schedule replaces the default instead of adding to it); the default spans a little over a day.
    /// </summary>
    public string RetryScheduleSeconds { get; set; } = "5,300,1800,7200,18000,36000,36000";

    /// <summary>A receiver has this long to answer 2xx.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>An endpoint whose deliveries all failed for this long is disabled and its owner emailed.</summary>
    [Range(0.0001, 24 * 365)]
    public double DisableAfterHours { get; set; } = 72;

    /// <summary>After a rotation the previous secret keeps signing for this long.</summary>
    [Range(0, 24 * 30)]
    public double SecretOverlapHours { get; set; } = 24;

    /// <summary>Deliveries sent at once by one notifier.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    public IReadOnlyList<TimeSpan> RetrySchedule => [.. Delays().Select(s => TimeSpan.FromSeconds(s))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var delays = Delays();
        if (delays.Count > 50 || delays.Any(s => s is < 0 or > 86_400) || delays.Contains(-1))
        {
            yield return new ValidationResult($"{Section}:{nameof(RetryScheduleSeconds)} must be at most 50 delays, each from 0 to 86400 seconds.", [nameof(RetryScheduleSeconds)]);
        }
    }

    private List<double> Delays() =>
        [.. RetryScheduleSeconds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => double.TryParse(d, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)];
}
