using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;

namespace Vidsnap.Api.Events;

/// <summary>`event: video`: what GET /api/videos/{id} shows of a video's state, under the same names.</summary>
public sealed record VideoEventResponse(Guid Id, VideoStatus Status, int Progress, int? FrameCount, string? Error, DateTimeOffset UpdatedAt)
{
    public static VideoEventResponse From(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new(video.Id, video.Status, video.Progress, video.FrameCount, video.Error, video.UpdatedAt);
    }

    public static VideoEventResponse From(VideoChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.VideoId, change.Status, change.Progress, change.FrameCount, change.Error, change.At);
    }
}

/// <summary>`event: deleted`: the video is gone.</summary>
public sealed record DeletedVideoEventResponse(Guid Id);
