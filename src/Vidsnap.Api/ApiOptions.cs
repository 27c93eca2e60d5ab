using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Api;

public sealed class ApiOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Api";

    static string IOptionsSection.Section => Section;

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    [Range(0.001, 86_400)]
    public double MinIntervalSeconds { get; set; } = 0.1;

    [Range(0.001, 86_400)]
    public double MaxIntervalSeconds { get; set; } = 3600;

    /// <summary>maxFrames when a request gives none.</summary>
    [Range(1, 1_000_000)]
    public int DefaultMaxFrames { get; set; } = 1000;

    /// <summary>The most frames any request may ask for (maxFrames, count, timestamps).</summary>
    [Range(1, 1_000_000)]
    public int MaxFramesCap { get; set; } = 10_000;

    [Range(16, 65_536)]
    public int MaxDimension { get; set; } = 7680;

    [Range(1, 1_000)]
    public int DefaultPageSize { get; set; } = 20;

    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How long an Idempotency-Key's answer is kept and replayed.</summary>
    [Range(1, 24 * 30)]
    public int IdempotencyHours { get; set; } = 24;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxIntervalSeconds < MinIntervalSeconds)
        {
            yield return new ValidationResult($"{Section}:{nameof(MaxIntervalSeconds)} must be at least {nameof(MinIntervalSeconds)}.", [nameof(MaxIntervalSeconds)]);
        }

        if (DefaultMaxFrames > MaxFramesCap)
        {
            yield return new ValidationResult($"{Section}:{nameof(DefaultMaxFrames)} must be at most {nameof(MaxFramesCap)}.", [nameof(DefaultMaxFrames)]);
        }

        if (DefaultPageSize > MaxPageSize)
        {
            yield return new ValidationResult($"{Section}:{nameof(DefaultPageSize)} must be at most {nameof(MaxPageSize)}.", [nameof(DefaultPageSize)]);
        }
    }
}
