using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

public sealed record CreatedVideoResponse(Guid Id, VideoStatus Status, UploadSlot Upload);

public sealed record VideoStatusResponse(Guid Id, VideoStatus Status);

public sealed record HistoryEntryResponse(VideoStatus Status, DateTimeOffset At, string? Detail);

public sealed record VideoResponse(
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
    IReadOnlyList<HistoryEntryResponse>? History)
{
    public static VideoResponse From(Video video, bool withHistory)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new VideoResponse(
            video.Id, video.FileName, video.ContentType, video.SizeBytes, video.Status, video.Progress, video.FrameCount, video.Error,
            video.CreatedAt, video.UpdatedAt, video.Options,
            withHistory ? [.. video.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryEntryResponse(h.Status, h.At, h.Detail))] : null);
    }
}

public sealed record VideoPageResponse(IReadOnlyList<VideoResponse> Items, string? NextCursor);

public sealed record DownloadResponse(string Url, DateTimeOffset ExpiresAt);
