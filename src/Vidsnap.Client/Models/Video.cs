namespace Vidsnap.Client.Models;

/// <summary>A video as GET /api/videos/{id} shows it (the list leaves out its history); Attempt is 1 for the first run and grows with each retry.</summary>
public sealed record Video(
    Guid Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    VideoStatus Status,
    int Attempt,
    int Progress,
    int? FrameCount,
    long? OutputBytes,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    FrameOptions? Options,
    IReadOnlyList<VideoHistoryEntry>? History)
{
    /// <summary>A signed URL of a small JPEG of the poster, only once Completed.</summary>
    public string? PosterUrl { get; init; }
}

public sealed record VideoHistoryEntry(VideoStatus Status, DateTimeOffset At, string? Detail);

public sealed record VideoPage(IReadOnlyList<Video> Items, string? NextCursor);

/// <summary>What complete answers: the video's id and the status it is now in.</summary>
public sealed record VideoStatusResponse(Guid Id, VideoStatus Status);

/// <summary>A pre-signed URL, absolute or relative to the server, valid until ExpiresAt.</summary>
public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>A change of a video as its event stream carries it.</summary>
public sealed record VideoChange(Guid Id, VideoStatus? Status, int? Progress, int? FrameCount, string? Error, bool Deleted);
