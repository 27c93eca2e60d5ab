using System.Net;
using System.Text.Json;

namespace Vidsnap.Client;

/// <summary>An RFC 7807 problem the server answered: its status, title, detail and, for a bad field, the errors by field.</summary>
public sealed class VidsnapProblemException : Exception
{
    public VidsnapProblemException()
        : this(0, null, null, null)
    {
    }

    public VidsnapProblemException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public VidsnapProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public VidsnapProblemException(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors, string? type = null)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Type = type;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public int Status { get; }

    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    public string? Title { get; }

    public string? Detail { get; }

    public string? Type { get; }

    /// <summary>For a 400: each field in error (its JSON path, such as options.count) with what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The server's problem, or one made from the status when the body is not a problem.</summary>
    internal static VidsnapProblemException From(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in list.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(e => e.ToString())]
                            : [field.Value.ToString()];
                    }
                }

                return new VidsnapProblemException(
                    root.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : (int)status,
                    Text(root, "title"), Text(root, "detail"), errors, Text(root, "type"));
            }
        }
        catch (JsonException)
        {
        }

        var text = body.Length > 300 ? body[..300] : body;
        return new VidsnapProblemException((int)status, status.ToString(), string.IsNullOrWhiteSpace(text) ? null : text.Trim(), null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var text = $"{status} {title ?? "Error"}" + (string.IsNullOrEmpty(detail) ? string.Empty : $": {detail}");
        return errors is { Count: > 0 }
            ? text + " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ")"
            : text;
    }
}
