using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vidsnap.Contracts;

namespace Vidsnap.Api;

public sealed record ValidatedVideo(string FileName, string ContentType, long SizeBytes, ExtractionOptions Options);

/// <summary>Checks a create request field by field; errors are keyed by the JSON path of the field in error.</summary>
public static partial class VideoRequestValidator
{
    public static (ValidatedVideo? Video, Dictionary<string, string[]> Errors) Validate(CreateVideoRequest request, ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>();

        var fileName = request.FileName?.Trim();
        if (string.IsNullOrEmpty(fileName))
        {
            errors["fileName"] = ["The file name is required."];
        }
        else if (fileName.Length > 255)
        {
            errors["fileName"] = ["The file name must have at most 255 characters."];
        }
        else if (fileName.Any(char.IsControl))
        {
            errors["fileName"] = ["The file name must not contain control characters."];
        }

        var contentType = request.ContentType?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(contentType) || !VideoContentType().IsMatch(contentType))
        {
            errors["contentType"] = ["Only videos are accepted: the content type must be video/* (for example video/mp4)."];
        }

        if (request.SizeBytes is not { } size || size <= 0)
        {
            errors["sizeBytes"] = ["The size in bytes is required and must be positive."];
        }
        else if (size > limits.MaxUploadBytes)
        {
            errors["sizeBytes"] = [$"The file is larger than the limit of {FormatBytes(limits.MaxUploadBytes)}."];
        }

        var options = ParseOptions(request.Options, limits, errors);
        return errors.Count > 0 ? (null, errors) : (new ValidatedVideo(fileName!, contentType!, request.SizeBytes!.Value, options!), errors);
    }

    private static ExtractionOptions? ParseOptions(JsonElement? element, ApiOptions limits, Dictionary<string, string[]> errors)
    {
        var options = new ExtractionOptions { MaxFrames = limits.DefaultMaxFrames };
        if (element is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json)
        {
            return options;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors["options"] = ["The options must be an object, for example {\"mode\": \"interval\", \"intervalSeconds\": 1}."];
            return null;
        }

        var reader = new OptionReader(errors);
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "mode" => options with { Mode = reader.Choice(value, "mode", ExtractionOptions.Modes) ?? options.Mode },
                "intervalSeconds" => options with { IntervalSeconds = reader.Number(value, "intervalSeconds", limits.MinIntervalSeconds, limits.MaxIntervalSeconds) ?? options.IntervalSeconds },
                "count" => options with { Count = reader.Integer(value, "count", 1, limits.MaxFramesCap) },
                "timestamps" => options with { Timestamps = reader.Timestamps(value, limits.MaxFramesCap) },
                "threshold" => options with { Threshold = reader.Number(value, "threshold", 0.01, 1) ?? options.Threshold },
                "precision" => options with { Precision = reader.Choice(value, "precision", ExtractionOptions.Precisions) ?? options.Precision },
                "format" => options with { Format = reader.Choice(value, "format", ExtractionOptions.Formats) ?? options.Format },
                "quality" => options with { Quality = reader.Integer(value, "quality", 1, 100) ?? options.Quality },
                "width" => options with { Width = reader.Integer(value, "width", 16, limits.MaxDimension) },
                "height" => options with { Height = reader.Integer(value, "height", 16, limits.MaxDimension) },
                "maxFrames" => options with { MaxFrames = reader.Integer(value, "maxFrames", 1, limits.MaxFramesCap) ?? options.MaxFrames },
                "start" => options with { Start = reader.Number(value, "start", 0, double.MaxValue) },
                "end" => options with { End = reader.Number(value, "end", 0, double.MaxValue) },
                _ => reader.Unknown(property.Name, options),
            };
        }

        if (options.Mode == ExtractionOptions.CountMode && options.Count is null && !errors.ContainsKey("options.count"))
        {
            errors["options.count"] = ["The count mode needs \"count\": how many frames to take."];
        }

        if (options.Mode == ExtractionOptions.TimestampsMode && options.Timestamps is null && !errors.ContainsKey("options.timestamps"))
        {
            errors["options.timestamps"] = ["The timestamps mode needs \"timestamps\": a list of moments in seconds."];
        }

        if (options is { Start: { } start, End: { } end } && end <= start)
        {
            errors["options.end"] = ["The end must come after the start."];
        }

        return options;
    }

    /// <summary>Reads one option, recording a message under options.&lt;name&gt; when it is not acceptable.</summary>
    private sealed class OptionReader(Dictionary<string, string[]> errors)
    {
        public string? Choice(JsonElement value, string name, IReadOnlyList<string> allowed)
        {
            if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()))
            {
                return value.GetString();
            }

            errors[$"options.{name}"] = [$"The {name} must be one of: {string.Join(", ", allowed)}."];
            return null;
        }

        public double? Number(JsonElement value, string name, double min, double max)
        {
            if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max)
            {
                return number;
            }

            errors[$"options.{name}"] = [max == double.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"The {name} must be a number of seconds, {min} or more.")
                : string.Create(CultureInfo.InvariantCulture, $"The {name} must be a number from {min} to {max}.")];
            return null;
        }

        public int? Integer(JsonElement value, string name, int min, int max)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            {
                return number;
            }

            errors[$"options.{name}"] = [string.Create(CultureInfo.InvariantCulture, $"The {name} must be a whole number from {min} to {max}.")];
            return null;
        }

        public IReadOnlyList<double>? Timestamps(JsonElement value, int max)
        {
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and var length && length <= max
                && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number && t.GetDouble() >= 0))
            {
                return [.. value.EnumerateArray().Select(t => t.GetDouble()).Distinct().Order()];
            }

            errors["options.timestamps"] = [string.Create(CultureInfo.InvariantCulture, $"The timestamps must be a list of 1 to {max} numbers of seconds, each 0 or more.")];
            return null;
        }

        public ExtractionOptions Unknown(string name, ExtractionOptions options)
        {
            errors[$"options.{name}"] = ["This option is not known."];
            return options;
        }
    }

    private static string FormatBytes(long bytes) => bytes % (1024L * 1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024L * 1024 * 1024)} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");

    [GeneratedRegex("^video/[a-z0-9][a-z0-9.+-]{0,100}$")]
    private static partial Regex VideoContentType();
}
