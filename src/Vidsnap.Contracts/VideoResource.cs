namespace Vidsnap.Contracts;

/// <summary>A video as the public API shows it: GET /api/videos/{id} (with its history), the list, and webhook payloads.</summary>
public sealed record VideoResource(
    Guid Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    VideoStatus Status,
    int Progress,
    int? FrameCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ExtractionOptions Options,
    IReadOnlyList<VideoHistoryItem>? History);

public sealed record VideoHistoryItem(VideoStatus Status, DateTimeOffset At, string? Detail);
