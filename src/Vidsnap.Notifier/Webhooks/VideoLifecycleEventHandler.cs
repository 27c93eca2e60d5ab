using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Webhooks;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Notifier.Webhooks;

/// <summary>
/// Turns one video event into one delivery per subscribed endpoint of its owner. A delivery's id comes from the
/// event and the endpoint, so a redelivered event finds its deliveries made and makes none again.
/// </summary>
public sealed class VideoLifecycleEventHandler(
    VidsnapDbContext db, WebhookSignal dispatcher, IOptions<VidsnapOptions> options, TimeProvider time, ILogger<VideoLifecycleEventHandler> logger)
    : IMessageHandler<VideoLifecycleEvent>
{
    public async Task HandleAsync(VideoLifecycleEvent message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoints = (await db.WebhookEndpoints().AsNoTracking()
            .Where(e => e.UserId == message.UserId && e.DisabledAt == null)
            .ToListAsync(cancellationToken)).Where(e => e.Subscribes(message.Type)).ToList();
        if (endpoints.Count == 0)
        {
            return;
        }

        var ids = endpoints.ToDictionary(e => WebhookDelivery.IdFor(message.MessageId, e.Id));
        var made = await db.WebhookDeliveries().Where(d => ids.Keys.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        var payload = WebhookPayload.Create(message, options.Value.PublicBaseUrl);
        var now = time.GetUtcNow();
        foreach (var (id, endpoint) in ids.Where(p => !made.Contains(p.Key)))
        {
            db.WebhookDeliveries().Add(WebhookDelivery.For(endpoint, message.MessageId, message.VideoId, message.Type, payload, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Notify();
        logger.LogInformation("{Type} for video {VideoId}: {Count} webhook deliveries", message.Type, message.VideoId, ids.Count - made.Count);
    }
}

/// <summary>Wakes this process's dispatcher when it has just made deliveries.</summary>
public sealed class WebhookSignal : WakeSignal;
