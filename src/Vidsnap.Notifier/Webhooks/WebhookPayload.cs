using System.Text.Json;
using System.Text.Json.Nodes;
using Vidsnap.Contracts;

namespace Vidsnap.Notifier.Webhooks;

/// <summary>
/// The body of a delivery, in the Standard Webhooks shape: {type, timestamp, data}, data being the video as
/// GET /api/videos/{id} shows it plus links to it and to its download (absolute when Vidsnap:PublicBaseUrl is set).
/// Fixed when the event happened, so every attempt sends the same bytes.
/// </summary>
public static class WebhookPayload
{
    public static string Create(VideoLifecycleEvent message, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = JsonSerializer.SerializeToNode(message.Video, MessageJson.Options)!.AsObject();
        var self = $"{publicBaseUrl?.TrimEnd('/')}/api/videos/{message.VideoId}";
        var links = new JsonObject { ["self"] = self };
        if (message.Video.Status == VideoStatus.Completed && message.Type != VideoEventTypes.Deleted)
        {
            links["download"] = self + "/download";
        }

        data["links"] = links;
        var payload = new JsonObject
        {
            ["type"] = message.Type,
            ["timestamp"] = JsonSerializer.SerializeToNode(message.OccurredAt, MessageJson.Options),
            ["data"] = data,
        };
        return payload.ToJsonString(MessageJson.Options);
    }
}
