using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;

namespace Vidsnap.Domain.Tests.Videos;

/// <summary>Videos brought to each state by their own transitions, as the roles bring them there.</summary>
internal static class VideoStates
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static Video New() => Video.Create(Guid.NewGuid(), "owner@example.com", "clip.mp4", "video/mp4", 1234, new ExtractionOptions { MaxFrames = 100 }, new Retention(7, 30), Start);

    public static Video In(VideoStatus status)
    {
        var video = New();
        if (status == VideoStatus.AwaitingUpload)
        {
            video.TakeChanges();
            return video;
        }

        video.Queue(Start.AddSeconds(1));
        switch (status)
        {
            case VideoStatus.Processing:
                video.Apply(Report(video, VideoEventKind.Processing), Start.AddSeconds(2));
                break;
            case VideoStatus.Completed:
                video.Apply(Report(video, VideoEventKind.Completed, frameCount: 7), Start.AddSeconds(3));
                break;
            case VideoStatus.Failed:
                video.Apply(Report(video, VideoEventKind.Failed, error: "The file is not a video."), Start.AddSeconds(3));
                break;
        }

        video.TakeMessages();
        video.TakeChanges();
        return video;
    }

    public static VideoStatusEvent Report(Video video, VideoEventKind kind, int? attempt = null, int? progress = null, int? frameCount = null, string? error = null) =>
        new(Guid.NewGuid(), video.Id, attempt ?? video.Attempt, kind, Start, progress, frameCount, error);
}
