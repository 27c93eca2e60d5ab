using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends one email per (video, attempt, outcome), through the ledger, so a redelivered request sends nothing and
/// two racing deliveries send once; its Message-Id is the same key, so even a resend after a crash mid-send is
/// recognisably the same email. Held back, counted and logged: anything to an unverified address, a failure of a
/// video already emailed about within a day, anything past the address's hourly cap.
/// </summary>
public sealed class NotificationHandler(VidsnapDbContext db, EmailLedger ledger, IEmailSender sender, ILogger<NotificationHandler> logger)
    : IMessageHandler<NotificationRequest>
{
    public async Task HandleAsync(NotificationRequest message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DeduplicationKey;
        if (!await ledger.ClaimAsync(key, message.Email, cancellationToken))
        {
            logger.LogInformation("Notification {Key} already done with; skipping the redelivery", key);
            return;
        }

        if (await HoldBackAsync(message, cancellationToken) is { } limit)
        {
            await ledger.HoldBackAsync(key, limit, cancellationToken);
            logger.LogWarning("Held back the {Outcome} email for video {VideoId}: {Limit}", message.Outcome, message.VideoId, limit);
            return;
        }

        using (VidsnapTelemetry.Source.StartActivity("email send", System.Diagnostics.ActivityKind.Client)?.SetTag("vidsnap.video.id", message.VideoId.ToString()))
        {
            await ledger.HoldClaimWhileAsync(key, () => sender.SendAsync(NotificationEmail.Compose(message), cancellationToken), cancellationToken);
        }

        await ledger.MarkSentAsync(key, cancellationToken);
        logger.LogInformation("Sent {Outcome} email for video {VideoId}", message.Outcome, message.VideoId);
    }

    private async Task<string?> HoldBackAsync(NotificationRequest message, CancellationToken cancellationToken)
    {
        if (!await db.IsVerifiedAsync(message.Email, cancellationToken))
        {
            return "unverified";
        }

        if (message.Outcome == VideoStatus.Failed && await ledger.FailureSentRecentlyAsync(message.VideoId, message.DeduplicationKey, cancellationToken))
        {
            return "failure-repeat";
        }

        return await ledger.OverHourlyCapAsync(message.Email, cancellationToken);
    }
}
