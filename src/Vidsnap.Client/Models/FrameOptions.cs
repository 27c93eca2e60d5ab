namespace Vidsnap.Client.Models;

/// <summary>How frames are picked and written: the `options` of a create request. Fields left null take the server's defaults.</summary>
public sealed record FrameOptions
{
    public string? Mode { get; init; }

    public double? IntervalSeconds { get; init; }

    public int? Count { get; init; }

    public IReadOnlyList<double>? Timestamps { get; init; }

    public double? Threshold { get; init; }

    public string? Precision { get; init; }

    public string? Format { get; init; }

    public int? Quality { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? MaxFrames { get; init; }

    public double? Start { get; init; }

    public double? End { get; init; }
}
