namespace Vidsnap.Contracts;

/// <summary>
/// A video as the public API shows it: GET /api/videos/{id} (with its history), the list, and webhook payloads.
/// ExpiresAt: when retention deletes it (outputs and all); none while it is Queued or Processing.
/// </summary>
public sealed record VideoResource(
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
    ExtractionOptions Options,
    IReadOnlyList<VideoHistoryItem>? History)
{
    /// <summary>A signed URL of a small JPEG (320 px wide at most) of the poster; only when Completed.</summary>
    public string? PosterUrl { get; init; }
}

public sealed record VideoHistoryItem(VideoStatus Status, DateTimeOffset At, string? Detail);
