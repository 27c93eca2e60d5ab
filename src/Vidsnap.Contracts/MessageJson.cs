using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vidsnap.Contracts;

/// <summary>The one JSON shape of messages on every queue: camelCase, enums as strings.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<TMessage>(TMessage message)
        where TMessage : IQueueMessage => JsonSerializer.Serialize(message, Options);

    public static TMessage Deserialize<TMessage>(string body)
        where TMessage : IQueueMessage =>
        JsonSerializer.Deserialize<TMessage>(body, Options)
            ?? throw new JsonException($"Empty {typeof(TMessage).Name} message.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
