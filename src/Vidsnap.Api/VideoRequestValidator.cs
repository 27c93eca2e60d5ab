using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vidsnap.Contracts;

namespace Vidsnap.Api;

public sealed record ValidatedVideo(string FileName, string ContentType, long SizeBytes, ExtractionOptions Options);

/// <summary>
/// Checks a create request field by field; errors are keyed by the JSON path of the field in error, one message
/// each, written for the person who chose the file and the options (never in the API's field names). With the
/// video's length (durationSeconds) it also refuses what the video worker would refuse once it has probed the
/// file: too many frames, moments after the end, a start after the end. An end after the video's end is not an
/// error: the worker stops at the end of the video, and so does the count of frames here.
/// </summary>
public static partial class VideoRequestValidator
{
    private static readonly NumberFormatInfo Groups = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };

    /// <summary>The options of a request that gives none; a request's options start from these.</summary>
    public static ExtractionOptions DefaultOptions(ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new ExtractionOptions { MaxFrames = limits.DefaultMaxFrames };
    }

    public static (ValidatedVideo? Video, Dictionary<string, string[]> Errors) Validate(CreateVideoRequest request, ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>();

        var fileName = request.FileName?.Trim();
        if (string.IsNullOrEmpty(fileName))
        {
            errors["fileName"] = ["Give the file a name."];
        }
        else if (fileName.Length > 255)
        {
            errors["fileName"] = ["The file's name is too long: rename it to 255 characters or fewer."];
        }
        else if (fileName.Any(char.IsControl))
        {
            errors["fileName"] = ["The file's name has characters a name cannot have (such as a line break): rename the file."];
        }

        var contentType = request.ContentType?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(contentType) || !VideoContentType().IsMatch(contentType))
        {
            errors["contentType"] = ["This file is not a video: choose a video file, such as an MP4, MOV or WebM (its type starts with video/)."];
        }

        if (request.SizeBytes is not { } size)
        {
            errors["sizeBytes"] = ["The file's size is missing: give its exact size in bytes."];
        }
        else if (size == 0)
        {
            errors["sizeBytes"] = ["The file is empty."];
        }
        else if (size < 0)
        {
            errors["sizeBytes"] = ["A file's size cannot be negative: give its exact size in bytes."];
        }
        else if (size > limits.MaxUploadBytes)
        {
            var (actual, limit) = (FormatBytes(size), FormatBytes(limits.MaxUploadBytes));
            if (actual == limit)
            {
                (actual, limit) = ($"{Whole(size)} bytes", $"{Whole(limits.MaxUploadBytes)} bytes ({limit})");
            }

            errors["sizeBytes"] = [$"This file is {actual}, more than the limit of {limit}: trim or compress the video, or split it into shorter ones."];
        }

        double? duration = null;
        if (request.DurationSeconds is { } declared)
        {
            if (declared > 0 && double.IsFinite(declared))
            {
                duration = declared;
            }
            else
            {
                errors["durationSeconds"] = ["The video's length must be more than 0 seconds; leave it out when it is not known."];
            }
        }

        var options = ReadOptions(request.Options, limits, duration, errors);
        return errors.Count > 0 ? (null, errors) : (new ValidatedVideo(fileName!, contentType!, request.SizeBytes!.Value, options!), errors);
    }

    /// <summary>
    /// Options alone, as retry takes them: from the defaults, every field given checked, and, with the video's length,
    /// checked against it. Null options (none given) are the defaults.
    /// </summary>
    public static (ExtractionOptions? Options, Dictionary<string, string[]> Errors) ValidateOptions(JsonElement? element, ApiOptions limits, double? durationSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>();
        var options = ReadOptions(element, limits, durationSeconds, errors);
        return errors.Count > 0 ? (null, errors) : (options, errors);
    }

    /// <summary>
    /// Frames an interval gives over a span: one at the start, then one per whole interval that fits. The video
    /// worker counts them the same way (FramePlanner.ExpectedFrames), so what passes here passes there.
    /// </summary>
    public static int IntervalFrames(double spanSeconds, double intervalSeconds) =>
        Math.Max(1, (int)Math.Min(int.MaxValue, Math.Ceiling((spanSeconds / intervalSeconds) - 1e-6)));

    private static ExtractionOptions? ReadOptions(JsonElement? element, ApiOptions limits, double? duration, Dictionary<string, string[]> errors)
    {
        var options = DefaultOptions(limits);
        if (element is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json)
        {
            CheckAgainstVideo(options, limits, duration, errors);
            return options;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors["options"] = ["The options must be a set of named values, for example {\"mode\": \"interval\", \"intervalSeconds\": 1}."];
            return null;
        }

        var reader = new OptionReader(errors);
        var cap = Whole(limits.MaxFramesCap);
        var dimension = $"{ExtractionOptions.MinDimension} to {Whole(limits.MaxDimension)} pixels";
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "mode" => options with { Mode = reader.Choice(value, "mode", ExtractionOptions.Modes, $"Choose how frames are picked: {Either(ExtractionOptions.Modes)}.") ?? options.Mode },
                "intervalSeconds" => options with
                {
                    IntervalSeconds = reader.Number(value, "intervalSeconds", limits.MinIntervalSeconds, limits.MaxIntervalSeconds,
                        $"Choose a time between frames from {Seconds(limits.MinIntervalSeconds)} to {Seconds(limits.MaxIntervalSeconds)}.") ?? options.IntervalSeconds,
                },
                "count" => options with { Count = reader.Integer(value, "count", 1, limits.MaxFramesCap, $"Ask for a whole number of frames, from 1 to {cap}.") },
                "timestamps" => options with { Timestamps = reader.Timestamps(value, limits.MaxFramesCap, $"List the moments to take, in seconds from the start of the video (each 0 or more), 1 to {cap} of them.") },
                "threshold" => options with
                {
                    Threshold = reader.Number(value, "threshold", ExtractionOptions.MinThreshold, ExtractionOptions.MaxThreshold,
                        Invariant($"Choose how different a scene must be, from {ExtractionOptions.MinThreshold} (the slightest change) to {ExtractionOptions.MaxThreshold} (a complete change).")) ?? options.Threshold,
                },
                "precision" => options with { Precision = reader.Choice(value, "precision", ExtractionOptions.Precisions, $"Choose how exact the moments are: {Either(ExtractionOptions.Precisions)}.") ?? options.Precision },
                "format" => options with { Format = reader.Choice(value, "format", ExtractionOptions.Formats, $"Choose an image format: {Either(ExtractionOptions.Formats)}.") ?? options.Format },
                "quality" => options with
                {
                    Quality = reader.Integer(value, "quality", ExtractionOptions.MinQuality, ExtractionOptions.MaxQuality,
                        Invariant($"Choose a quality from {ExtractionOptions.MinQuality} (the smallest files) to {ExtractionOptions.MaxQuality} (the best images), as a whole number.")) ?? options.Quality,
                },
                "width" => options with { Width = reader.Integer(value, "width", ExtractionOptions.MinDimension, limits.MaxDimension, $"Choose a width from {dimension}, or leave it out to keep the video's.") },
                "height" => options with { Height = reader.Integer(value, "height", ExtractionOptions.MinDimension, limits.MaxDimension, $"Choose a height from {dimension}, or leave it out to keep the video's.") },
                "maxFrames" => options with { MaxFrames = reader.Integer(value, "maxFrames", 1, limits.MaxFramesCap, $"Choose the most frames to take as a whole number from 1 to {cap}.") ?? options.MaxFrames },
                "start" => options with { Start = reader.Number(value, "start", 0, double.MaxValue, "Choose where to start as a number of seconds, 0 or more.") },
                "end" => options with { End = reader.Number(value, "end", 0, double.MaxValue, "Choose where to end as a number of seconds, 0 or more.") },
                _ => reader.Unknown(property.Name, options),
            };
        }

        if (options.Mode == ExtractionOptions.CountMode && options.Count is null && !errors.ContainsKey("options.count"))
        {
            errors["options.count"] = ["Say how many frames to take."];
        }

        if (options.Mode == ExtractionOptions.TimestampsMode && options.Timestamps is null && !errors.ContainsKey("options.timestamps"))
        {
            errors["options.timestamps"] = ["List the moments to take, in seconds from the start of the video."];
        }

        if (options is { Start: { } start, End: { } end } && end <= start)
        {
            errors["options.end"] = [$"The end ({Seconds(end)}) must come after the start ({Seconds(start)})."];
        }

        CheckAgainstVideo(options, limits, duration, errors);
        return options;
    }

    /// <summary>
    /// What the video worker would refuse, refused now: more frames than the limit (count and timestamps even without
    /// the video's length), and with it a start after the end, moments outside the part chosen and an interval
    /// giving too many frames. A field already in error is left to its first message.
    /// </summary>
    private static void CheckAgainstVideo(ExtractionOptions options, ApiOptions limits, double? duration, Dictionary<string, string[]> errors)
    {
        var maxFrames = options.MaxFrames ?? limits.DefaultMaxFrames;
        var raise = maxFrames < limits.MaxFramesCap ? $", or raise the most frames (up to {Whole(limits.MaxFramesCap)})" : string.Empty;
        var start = options.Start ?? 0;
        if (duration is { } length && start >= length && !errors.ContainsKey("options.start"))
        {
            errors["options.start"] = [$"The video lasts {Seconds(length)}, so it cannot start at {Seconds(start)}: choose an earlier start."];
            return;
        }

        if (errors.ContainsKey("options.start") || errors.ContainsKey("options.end"))
        {
            return;
        }

        // The worker stops at the end of the video: an end after it takes frames up to the end.
        double? end = options.End is { } chosen ? (duration is { } d ? Math.Min(chosen, d) : chosen) : duration;
        switch (options.Mode)
        {
            case ExtractionOptions.CountMode when options.Count is { } count && count > maxFrames && !errors.ContainsKey("options.count"):
                errors["options.count"] = [$"{Whole(count)} frames is more than the limit of {Whole(maxFrames)} for one video: ask for fewer{raise}."];
                break;
            case ExtractionOptions.TimestampsMode when options.Timestamps is { } moments && !errors.ContainsKey("options.timestamps"):
                if (moments.Count > maxFrames)
                {
                    errors["options.timestamps"] = [$"{Whole(moments.Count)} moments is more than the limit of {Whole(maxFrames)} frames for one video: ask for fewer{raise}."];
                    break;
                }

                var outside = moments.Where(t => t < start || (end is { } last && t > last)).ToList();
                if (outside.Count > 0)
                {
                    var part = options.Start is null && options.End is null ? "the video" : "the part you chose";
                    var range = end is { } to ? $"{Seconds(start)} to {Seconds(to)}" : $"from {Seconds(start)}";
                    var listed = string.Join(", ", outside.Take(5).Select(Seconds)) + (outside.Count > 5 ? $" and {outside.Count - 5} more" : string.Empty);
                    errors["options.timestamps"] = [$"{listed} {(outside.Count == 1 ? "is" : "are")} outside {part} ({range}): choose moments within it."];
                }

                break;
            case ExtractionOptions.IntervalMode when end is { } stop && stop > start && !errors.ContainsKey("options.intervalSeconds") && !errors.ContainsKey("options.maxFrames"):
                var total = IntervalFrames(stop - start, options.IntervalSeconds);
                if (total > maxFrames)
                {
                    errors["options.intervalSeconds"] = [$"One frame every {Seconds(options.IntervalSeconds)} over {Seconds(stop - start)} makes {Whole(total)} frames, more than the limit of {Whole(maxFrames)} for one video: choose a longer time between frames, a shorter part{raise}."];
                }

                break;
        }
    }

    /// <summary>Reads one option, recording its message under options.&lt;name&gt; when it is not acceptable.</summary>
    private sealed class OptionReader(Dictionary<string, string[]> errors)
    {
        public string? Choice(JsonElement value, string name, IReadOnlyList<string> allowed, string message)
        {
            if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()))
            {
                return value.GetString();
            }

            errors[$"options.{name}"] = [message];
            return null;
        }

        public double? Number(JsonElement value, string name, double min, double max, string message)
        {
            if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max)
            {
                return number;
            }

            errors[$"options.{name}"] = [message];
            return null;
        }

        public int? Integer(JsonElement value, string name, int min, int max, string message)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            {
                return number;
            }

            errors[$"options.{name}"] = [message];
            return null;
        }

        public IReadOnlyList<double>? Timestamps(JsonElement value, int max, string message)
        {
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and var length && length <= max
                && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number && t.GetDouble() >= 0))
            {
                return [.. value.EnumerateArray().Select(t => t.GetDouble()).Distinct().Order()];
            }

            errors["options.timestamps"] = [message];
            return null;
        }

        public ExtractionOptions Unknown(string name, ExtractionOptions options)
        {
            errors[$"options.{name}"] = [$"There is no option called \"{name}\": check its spelling, or leave it out."];
            return options;
        }
    }

    /// <summary>1000 as "1 000": a count a person reads at a glance.</summary>
    private static string Whole(long number) => number.ToString("#,0", Groups);

    private static string Seconds(double seconds) => seconds.ToString("#,0.###", Groups) + " s";

    private static string Either(IReadOnlyList<string> choices) => $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string FormatBytes(long bytes) => bytes switch
    {
        _ when bytes % (1024L * 1024 * 1024) == 0 => Invariant($"{bytes / (1024L * 1024 * 1024)} GiB"),
        >= 1024L * 1024 * 1024 => Invariant($"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
        >= 1024 * 1024 => Invariant($"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => $"{Whole(bytes)} bytes",
    };

    [GeneratedRegex("^video/[a-z0-9][a-z0-9.+-]{0,100}$")]
    private static partial Regex VideoContentType();
}
