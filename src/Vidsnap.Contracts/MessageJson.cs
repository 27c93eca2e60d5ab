using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vidsnap.Contracts;

/// <summary>The one JSON shape of messages on every queue: camelCase, enums as strings.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<TMessage>(TMessage message)
        where TMessage : IQueueMessage => JsonSerializer.Serialize(message, Options);

    /// <summary>As its own type, whatever the static type: the same JSON as <see cref="Serialize{TMessage}(TMessage)"/>.</summary>
    public static string Serialize(IQueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, message.GetType(), Options);
    }

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
