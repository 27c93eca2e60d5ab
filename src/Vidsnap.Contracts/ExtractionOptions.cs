namespace Vidsnap.Contracts;

/// <summary>How frames are picked. Later modes and output settings extend this same object.</summary>
public sealed record ExtractionOptions
{
    public const string IntervalMode = "interval";

    public string Mode { get; init; } = IntervalMode;

    public double IntervalSeconds { get; init; } = 1;
}
