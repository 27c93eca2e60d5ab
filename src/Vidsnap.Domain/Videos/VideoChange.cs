using Vidsnap.Contracts;

namespace Vidsnap.Domain.Videos;

/// <summary>
/// What a video looked like right after one of its transitions, for those who follow it live. Unlike its history it
/// is not deleted with the video (a deletion is itself a change), and old changes are pruned instead. The id grows
/// with every change, so "every change after id N" is what a reader that saw N has missed.
/// </summary>
public sealed class VideoChange : IOwnedByAccount
{
    private VideoChange()
    {
    }

    public long Id { get; private set; }

    public Guid VideoId { get; private set; }

    public Guid UserId { get; private set; }

    public VideoChangeKind Kind { get; private set; }

    public VideoStatus Status { get; private set; }

    public int Progress { get; private set; }

    public int? FrameCount { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static VideoChange Of(Video video, VideoChangeKind kind, DateTimeOffset at) => new()
    {
        VideoId = video.Id,
        UserId = video.UserId,
        Kind = kind,
        Status = video.Status,
        Progress = video.Progress,
        FrameCount = video.FrameCount,
        Error = video.Error,
        At = at,
    };
}
