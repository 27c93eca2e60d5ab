using Vidsnap.Contracts;

namespace Vidsnap.Domain.Videos;

/// <summary>One state a video entered, in which attempt, when, and why (frame count or failure reason).</summary>
public sealed class VideoHistoryEntry
{
    internal VideoHistoryEntry(Guid videoId, VideoStatus status, int attempt, DateTimeOffset at, string? detail)
    {
        VideoId = videoId;
        Status = status;
        Attempt = attempt;
        At = at;
        Detail = detail;
    }

    private VideoHistoryEntry()
    {
    }

    public long Id { get; private set; }

    public Guid VideoId { get; private set; }

    public VideoStatus Status { get; private set; }

    public int Attempt { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Detail { get; private set; }
}
