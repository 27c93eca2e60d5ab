using System.Text.Json.Serialization;

namespace Vidsnap.Contracts;

/// <summary>
/// How frames are picked and written. Validated by the api (each field in error named in a 400); the video
/// worker turns it into the cheapest ffmpeg plan that honours it.
/// </summary>
public sealed record ExtractionOptions
{
    public const string IntervalMode = "interval";
    public const string CountMode = "count";
    public const string TimestampsMode = "timestamps";
    public const string KeyframesMode = "keyframes";
    public const string SceneMode = "scene";
    public const string ExactPrecision = "exact";
    public const string FastPrecision = "fast";
    public const string Jpeg = "jpeg";
    public const string Png = "png";
    public const string Webp = "webp";

    /// <summary>The bounds of threshold, quality and the fitting box's sides: the api checks them and GET /api/limits shows them.</summary>
    public const double MinThreshold = 0.01;
    public const double MaxThreshold = 1;
    public const int MinQuality = 1;
    public const int MaxQuality = 100;
    public const int MinDimension = 16;

    public static IReadOnlyList<string> Modes { get; } = [IntervalMode, CountMode, TimestampsMode, KeyframesMode, SceneMode];

    public static IReadOnlyList<string> Precisions { get; } = [ExactPrecision, FastPrecision];

    public static IReadOnlyList<string> Formats { get; } = [Jpeg, Png, Webp];

    public string Mode { get; init; } = IntervalMode;

    /// <summary>interval: one frame every this many seconds.</summary>
    public double IntervalSeconds { get; init; } = 1;

    /// <summary>count: this many frames spread evenly, away from the very first and last moments.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    /// <summary>timestamps: these moments, in seconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Timestamps { get; init; }

    /// <summary>scene: how different a frame must be from the previous one (0 to 1) to count as a new scene.</summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>exact: the frame at each moment. fast: the nearest keyframe before it, much faster; reported as it is.</summary>
    public string Precision { get; init; } = ExactPrecision;

    public string Format { get; init; } = Jpeg;

    /// <summary>1 (smallest) to 100 (best), for jpeg and webp.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>A box the frames are fitted inside, aspect ratio kept, never enlarged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Width { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Height { get; init; }

    /// <summary>At most this many frames; the api fills in the configured default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxFrames { get; init; }

    /// <summary>Only this part of the video, in seconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Start { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? End { get; init; }

    [JsonIgnore]
    public string Extension => Format == Jpeg ? "jpg" : Format;
}
