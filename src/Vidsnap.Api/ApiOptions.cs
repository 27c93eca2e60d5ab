namespace Vidsnap.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public double MinIntervalSeconds { get; set; } = 0.1;

    public double MaxIntervalSeconds { get; set; } = 3600;

    /// <summary>maxFrames when a request gives none.</summary>
    public int DefaultMaxFrames { get; set; } = 1000;

    /// <summary>The most frames any request may ask for (maxFrames, count, timestamps).</summary>
    public int MaxFramesCap { get; set; } = 10_000;

    public int MaxDimension { get; set; } = 7680;

    public int DefaultPageSize { get; set; } = 20;

    public int MaxPageSize { get; set; } = 100;
}
