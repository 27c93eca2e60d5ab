using Vidsnap.Contracts;

namespace Vidsnap.StatusWorker;

/// <summary>What an event does to a video: nothing (with why), or a new state.</summary>
public sealed record Transition(bool Applies, VideoStatus Status, int Progress, string Reason, bool AddsHistory)
{
    public static Transition Ignore(string reason) => new(false, default, 0, reason, false);
}

/// <summary>
/// AwaitingUpload -> Queued -> Processing -> Completed | Failed, moving only forward within one attempt.
/// Duplicates and events of an earlier attempt change nothing, whatever order they arrive in.
/// </summary>
public static class VideoStateMachine
{
    public static Transition Decide(VideoStatus status, int attempt, int progress, VideoStatusEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Attempt != attempt)
        {
            return Transition.Ignore($"event of attempt {message.Attempt}, video is on attempt {attempt}");
        }

        var active = status is VideoStatus.Queued or VideoStatus.Processing;
        if (!active)
        {
            return Transition.Ignore($"video is {status}");
        }

        return message.Kind switch
        {
            VideoEventKind.Processing when status == VideoStatus.Queued => new(true, VideoStatus.Processing, 0, "started", true),
            VideoEventKind.Processing => Transition.Ignore("already processing"),
            VideoEventKind.Progress when message.Progress is { } p && p > progress =>
                new(true, VideoStatus.Processing, Math.Min(p, 99), "progress", status == VideoStatus.Queued),
            VideoEventKind.Progress => Transition.Ignore("no progress"),
            VideoEventKind.Completed => new(true, VideoStatus.Completed, 100, "completed", true),
            VideoEventKind.Failed => new(true, VideoStatus.Failed, progress, "failed", true),
            _ => Transition.Ignore($"unknown event {message.Kind}"),
        };
    }
}
