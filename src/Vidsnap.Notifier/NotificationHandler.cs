using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends one email per (video, attempt, outcome). The key is claimed in the database before sending, so two
/// deliveries of one request racing each other cannot both send: the loser is retried later and then finds it
/// sent. A claimant that dies mid-send loses its claim after the claim period and the email is sent again;
/// its Message-Id is the same key, so even then a mail system can recognise the duplicate.
/// </summary>
public sealed class NotificationHandler(
    VidsnapDbContext db, IEmailSender sender, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationHandler> logger)
    : IMessageHandler<NotificationRequest>
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(NotificationRequest message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DeduplicationKey;
        if (!await ClaimAsync(key, message.Email, cancellationToken))
        {
            return;
        }

        if (await HoldBackAsync(message, cancellationToken) is { } limit)
        {
            await db.SentNotifications().Where(n => n.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, time.GetUtcNow()).SetProperty(n => n.HeldBack, limit), cancellationToken);
            NotifierMetrics.HeldBack(limit);
            logger.LogWarning("Held back the {Outcome} email for video {VideoId}: {Limit}", message.Outcome, message.VideoId, limit);
            return;
        }

        using (VidsnapTelemetry.Source.StartActivity("email send", System.Diagnostics.ActivityKind.Client)?.SetTag("vidsnap.video.id", message.VideoId.ToString()))
        {
            await sender.SendAsync(NotificationEmail.Compose(message), cancellationToken);
        }

        await db.SentNotifications().Where(n => n.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, time.GetUtcNow()), cancellationToken);
        logger.LogInformation("Sent {Outcome} email for video {VideoId}", message.Outcome, message.VideoId);
    }

    /// <summary>True when this delivery now owns the sending; false when the email was sent already.</summary>
    private async Task<bool> ClaimAsync(string key, string recipient, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await db.SentNotifications().AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (existing is null)
        {
            db.SentNotifications().Add(new SentNotification { Key = key, ClaimedUntil = now + ClaimFor, Recipient = recipient.ToLowerInvariant() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another delivery inserted its claim between our read and our insert.
                db.ChangeTracker.Clear();
                existing = await db.SentNotifications().AsNoTracking().SingleAsync(n => n.Key == key, cancellationToken);
            }
        }

        if (existing.SentAt is not null)
        {
            logger.LogInformation("Notification {Key} already sent; skipping the redelivery", key);
            return false;
        }

        // Take over only a claim whose time is up, and only if nobody else took it over first.
        var taken = existing.ClaimedUntil <= now && await db.SentNotifications()
            .Where(n => n.Key == key && n.SentAt == null && n.ClaimedUntil == existing.ClaimedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, now + ClaimFor), cancellationToken) == 1;
        return taken ? true : throw new InvalidOperationException($"Notification {key} is being sent by another delivery; retrying later.");
    }

    /// <summary>
    /// The limit that keeps this email from going out, or null: a failure of a video already emailed about within
    /// the window (a retried upload that fails again is news to nobody), or an address past its hourly cap.
    /// </summary>
    private async Task<string?> HoldBackAsync(NotificationRequest message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (message.Outcome == VideoStatus.Failed && settings.FailureEmailWindowHours > 0)
        {
            var prefix = $"{message.VideoId:N}-";
            var since = now.AddHours(-settings.FailureEmailWindowHours);
            var sentBefore = await db.SentNotifications().AnyAsync(n => n.Key.StartsWith(prefix) && n.Key.EndsWith("-Failed") && n.Key != message.DeduplicationKey
                && n.SentAt != null && n.SentAt > since && n.HeldBack == null, cancellationToken);
            if (sentBefore)
            {
                return "failure-repeat";
            }
        }

        var recipient = message.Email.ToLowerInvariant();
        var hourAgo = now.AddHours(-1);
        var sentThisHour = await db.SentNotifications().CountAsync(n => n.Recipient == recipient && n.SentAt != null && n.SentAt > hourAgo && n.HeldBack == null, cancellationToken);
        return sentThisHour >= settings.MaxPerUserPerHour ? "hourly-cap" : null;
    }
}
