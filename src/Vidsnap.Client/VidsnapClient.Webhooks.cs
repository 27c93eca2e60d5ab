using System.Globalization;
using Vidsnap.Client.Models;

namespace Vidsnap.Client;

public sealed partial class VidsnapClient
{
    /// <summary>Registers a receiver of these events (video.queued, video.completed, video.failed, video.deleted); the answer holds its signing secret, once.</summary>
    public Task<WebhookWithSecret> AddWebhookAsync(string url, IReadOnlyList<string> events, CancellationToken cancellationToken = default) =>
        SendJsonAsync<WebhookWithSecret>(HttpMethod.Post, "/api/webhooks", new CreateWebhookRequest(url, events), cancellationToken);

    public Task<List<Webhook>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<List<Webhook>>(HttpMethod.Get, "/api/webhooks", null, cancellationToken);

    public Task RemoveWebhookAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}", null, cancellationToken);

    /// <summary>The delivery log, newest first, each with every attempt.</summary>
    public Task<List<WebhookDelivery>> ListWebhookDeliveriesAsync(Guid id, int? limit = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<List<WebhookDelivery>>(HttpMethod.Get,
            $"/api/webhooks/{id}/deliveries" + (limit is { } l ? "?limit=" + l.ToString(CultureInfo.InvariantCulture) : string.Empty), null, cancellationToken);
}
