using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Storage;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends one email per (video, attempt, outcome), through the ledger, so a redelivered request sends nothing and
/// two racing deliveries send once; its Message-Id is the same key, so even a resend after a crash mid-send is
/// recognisably the same email. Held back, counted and logged: anything to an unverified address, a failure of a
/// video already emailed about within a day, anything past the address's hourly cap.
/// </summary>
public sealed class NotificationHandler(
    VidsnapDbContext db,
    EmailLedger ledger,
    IEmailSender sender,
    IObjectStore store,
    IOptions<NotificationOptions> options,
    IOptions<VidsnapOptions> vidsnap,
    ILogger<NotificationHandler> logger)
    : IMessageHandler<NotificationRequest>
{
    /// <summary>The poster thumbnail is a JPEG at most 320 px wide: tens of kilobytes. Anything past this stays out of the email.</summary>
    private const long MaxPosterBytes = 512 * 1024;

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
            var email = NotificationEmail.Compose(message, VideoPageUrl(message.VideoId), await PosterAsync(message, cancellationToken));
            await ledger.HoldClaimWhileAsync(key, () => sender.SendAsync(email, cancellationToken), cancellationToken);
        }

        await ledger.MarkSentAsync(key, cancellationToken);
        logger.LogInformation("Sent {Outcome} email for video {VideoId}", message.Outcome, message.VideoId);
    }

    private string? VideoPageUrl(Guid videoId) =>
        (options.Value.WebAppUrl is { Length: > 0 } web ? web : vidsnap.Value.PublicBaseUrl) is { Length: > 0 } baseUrl
            ? $"{baseUrl.TrimEnd('/')}/#/videos/{videoId}"
            : null;

    /// <summary>The completed video's poster thumbnail for the email, or null: an email without its picture beats none.</summary>
    private async Task<byte[]?> PosterAsync(NotificationRequest message, CancellationToken cancellationToken)
    {
        if (message.Outcome != VideoStatus.Completed || message.OwnerId is not { } owner)
        {
            return null;
        }

        try
        {
            return await store.ReadSmallAsync(ObjectKeys.PosterThumbnail(owner, message.VideoId), MaxPosterBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the poster of video {VideoId}; its email goes without it", message.VideoId);
            return null;
        }
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
