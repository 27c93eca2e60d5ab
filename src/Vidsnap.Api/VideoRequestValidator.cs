using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vidsnap.Contracts;

namespace Vidsnap.Api;

public sealed record ValidatedVideo(string FileName, string ContentType, long SizeBytes, ExtractionOptions Options);

/// <summary>Checks a create request field by field; errors are keyed by the JSON path of the field in error.</summary>
public static partial class VideoRequestValidator
{
    private static readonly string[] KnownModes = [ExtractionOptions.IntervalMode];

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
        var options = new ExtractionOptions();
        if (element is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json)
        {
            return options;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors["options"] = ["The options must be an object, for example {\"mode\": \"interval\", \"intervalSeconds\": 1}."];
            return null;
        }

        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "mode" when property.Value.ValueKind == JsonValueKind.String && KnownModes.Contains(property.Value.GetString()):
                    options = options with { Mode = property.Value.GetString()! };
                    break;
                case "mode":
                    errors["options.mode"] = [$"The mode must be one of: {string.Join(", ", KnownModes)}."];
                    break;
                case "intervalSeconds" when property.Value.ValueKind == JsonValueKind.Number
                    && property.Value.GetDouble() is var interval && interval >= limits.MinIntervalSeconds && interval <= limits.MaxIntervalSeconds:
                    options = options with { IntervalSeconds = interval };
                    break;
                case "intervalSeconds":
                    errors["options.intervalSeconds"] =
                        [string.Create(CultureInfo.InvariantCulture, $"The interval must be a number of seconds from {limits.MinIntervalSeconds} to {limits.MaxIntervalSeconds}.")];
                    break;
                default:
                    errors[$"options.{property.Name}"] = ["This option is not known."];
                    break;
            }
        }

        return options;
    }

    private static string FormatBytes(long bytes) => bytes % (1024L * 1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024L * 1024 * 1024)} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");

    [GeneratedRegex("^video/[a-z0-9][a-z0-9.+-]{0,100}$")]
    private static partial Regex VideoContentType();
}
