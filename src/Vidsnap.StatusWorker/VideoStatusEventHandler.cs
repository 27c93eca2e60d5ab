using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.StatusWorker;

/// <summary>
/// Applies one status event to its video; a terminal state's notification request is saved through the outbox
/// in the same save, so the email cannot be lost or asked for twice.
/// </summary>
public sealed class VideoStatusEventHandler(VidsnapDbContext db, TimeProvider time, ILogger<VideoStatusEventHandler> logger)
    : IMessageHandler<VideoStatusEvent>
{
    private const int ConcurrencyRetries = 5;

    public async Task HandleAsync(VideoStatusEvent message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(message, cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task ApplyAsync(VideoStatusEvent message, CancellationToken cancellationToken)
    {
        // With its history: a terminal state publishes the video as GET shows it.
        var video = await db.Videos().Include(v => v.History).SingleOrDefaultAsync(v => v.Id == message.VideoId, cancellationToken);
        if (video is null)
        {
            logger.LogWarning("Status event for unknown video {VideoId} dropped", message.VideoId);
            return;
        }

        var result = video.Apply(message, time.GetUtcNow());
        if (!result.Changed)
        {
            logger.LogDebug("Status event {Kind} ignored: {Reason}", message.Kind, result.Reason);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (video.IsFinished)
        {
            logger.LogInformation("Video {VideoId} is {Status}", video.Id, video.Status);
        }
    }
}
