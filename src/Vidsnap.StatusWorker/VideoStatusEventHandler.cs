using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Messaging;

namespace Vidsnap.StatusWorker;

/// <summary>
/// Applies one status event through the state machine; a terminal state writes its notification request to
/// the outbox in the same save, so the email cannot be lost or asked for twice.
/// </summary>
public sealed class VideoStatusEventHandler(VidsnapDbContext db, OutboxSignal outbox, TimeProvider time, ILogger<VideoStatusEventHandler> logger)
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
        var video = await db.Videos.SingleOrDefaultAsync(v => v.Id == message.VideoId, cancellationToken);
        if (video is null)
        {
            logger.LogWarning("Status event for unknown video {VideoId} dropped", message.VideoId);
            return;
        }

        var transition = VideoStateMachine.Decide(video.Status, video.Attempt, video.Progress, message);
        if (!transition.Applies)
        {
            logger.LogDebug("Status event {Kind} ignored: {Reason}", message.Kind, transition.Reason);
            return;
        }

        var now = time.GetUtcNow();
        video.Status = transition.Status;
        video.Progress = transition.Progress;
        video.UpdatedAt = now;
        video.Version = Guid.NewGuid();
        if (message.Kind == VideoEventKind.Completed)
        {
            video.FrameCount = message.FrameCount;
        }

        if (message.Kind == VideoEventKind.Failed)
        {
            video.Error = message.Error ?? "Processing failed.";
        }

        if (transition.AddsHistory)
        {
            var detail = message.Kind switch
            {
                VideoEventKind.Completed => $"{message.FrameCount} frames",
                VideoEventKind.Failed => video.Error,
                _ => null,
            };
            db.VideoHistory.Add(new VideoHistoryEntry { VideoId = video.Id, Status = transition.Status, Attempt = video.Attempt, At = now, Detail = detail });
        }

        var terminal = transition.Status is VideoStatus.Completed or VideoStatus.Failed;
        if (terminal)
        {
            db.Enqueue(new NotificationRequest(Guid.NewGuid(), video.Id, video.Attempt, transition.Status, video.OwnerEmail, video.FileName, video.FrameCount, video.Error), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (terminal)
        {
            outbox.Notify();
            logger.LogInformation("Video {VideoId} is {Status}", video.Id, video.Status);
        }
    }
}
