using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Email;
using Vidsnap.Infrastructure.Messaging;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends one email per (video, attempt, outcome). A request already recorded as sent is acknowledged without
/// sending; one that fails to send is retried by the queue. The email's Message-Id is the same key, so even a
/// crash between sending and recording yields a message a mail system can recognise as a duplicate.
/// </summary>
public sealed class NotificationHandler(VidsnapDbContext db, IEmailSender sender, TimeProvider time, ILogger<NotificationHandler> logger)
    : IMessageHandler<NotificationRequest>
{
    public async Task HandleAsync(NotificationRequest message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DeduplicationKey;
        if (await db.SentNotifications.AnyAsync(n => n.Key == key, cancellationToken))
        {
            logger.LogInformation("Notification {Key} already sent; skipping the redelivery", key);
            return;
        }

        await sender.SendAsync(NotificationEmail.Compose(message), cancellationToken);
        db.SentNotifications.Add(new SentNotification { Key = key, SentAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery recorded it first: the email is sent either way.
        }

        logger.LogInformation("Sent {Outcome} email for video {VideoId}", message.Outcome, message.VideoId);
    }
}
