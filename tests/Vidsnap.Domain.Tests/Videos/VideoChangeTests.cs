using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;
using static Vidsnap.Domain.Tests.Videos.VideoStates;

namespace Vidsnap.Domain.Tests.Videos;

/// <summary>The change each transition logs for live readers: what GET /api/videos/{id} would show right after it.</summary>
public sealed class VideoChangeTests
{
    [Fact]
    public void A_new_video_logs_its_creation_with_its_owner_and_state()
    {
        var video = New();

        var change = Assert.Single(video.TakeChanges());

        Assert.Equal((video.Id, video.UserId, VideoChangeKind.Created, VideoStatus.AwaitingUpload, 0, Start), (change.VideoId, change.UserId, change.Kind, change.Status, change.Progress, change.At));
        Assert.Equal(0, change.Id);
        Assert.Empty(video.TakeChanges());
    }

    [Fact]
    public void Queuing_logs_queued_and_a_new_attempt_logs_its_cleared_error()
    {
        var video = In(VideoStatus.Failed);

        video.Queue(Start.AddMinutes(5));

        var change = Assert.Single(video.TakeChanges());
        Assert.Equal((VideoChangeKind.Queued, VideoStatus.Queued, 0, null, null, Start.AddMinutes(5)), (change.Kind, change.Status, change.Progress, change.FrameCount, change.Error, change.At));
    }

    [Theory]
    [InlineData(VideoStatus.Queued, VideoEventKind.Processing, VideoChangeKind.Processing, VideoStatus.Processing, 0)]
    [InlineData(VideoStatus.Queued, VideoEventKind.Progress, VideoChangeKind.Processing, VideoStatus.Processing, 40)]
    [InlineData(VideoStatus.Processing, VideoEventKind.Progress, VideoChangeKind.Progress, VideoStatus.Processing, 40)]
    [InlineData(VideoStatus.Processing, VideoEventKind.Completed, VideoChangeKind.Completed, VideoStatus.Completed, 100)]
    [InlineData(VideoStatus.Queued, VideoEventKind.Failed, VideoChangeKind.Failed, VideoStatus.Failed, 0)]
    public void Each_report_that_changes_the_video_logs_one_change_with_its_new_state(
        VideoStatus from, VideoEventKind report, VideoChangeKind kind, VideoStatus status, int progress)
    {
        var video = In(from);

        video.Apply(Report(video, report, progress: 40, frameCount: 9, error: "broken"), Start.AddHours(1));

        var change = Assert.Single(video.TakeChanges());
        Assert.Equal((video.Id, video.UserId, kind, status, progress, Start.AddHours(1)), (change.VideoId, change.UserId, change.Kind, change.Status, change.Progress, change.At));
        Assert.Equal((video.FrameCount, video.Error), (change.FrameCount, change.Error));
        Assert.Equal(report == VideoEventKind.Completed ? 9 : null, change.FrameCount);
        Assert.Equal(report == VideoEventKind.Failed ? "broken" : null, change.Error);
    }

    [Theory]
    [MemberData(nameof(VideoTests.Matrix), MemberType = typeof(VideoTests))]
    public void A_report_logs_a_change_exactly_when_it_changes_the_video(VideoStatus from, VideoEventKind kind, VideoStatus? to)
    {
        var video = In(from);

        var result = video.Apply(Report(video, kind, progress: 40, frameCount: 9, error: "broken"), Start.AddHours(1));

        Assert.Equal(result.Changed, to is not null);
        Assert.Equal(to is null ? 0 : 1, video.TakeChanges().Count);
    }

    [Fact]
    public void Duplicate_late_and_stale_reports_log_nothing()
    {
        var video = In(VideoStatus.Processing);
        video.Apply(Report(video, VideoEventKind.Progress, progress: 50), Start.AddHours(1));
        video.TakeChanges();

        video.Apply(Report(video, VideoEventKind.Progress, progress: 50), Start.AddHours(2));
        video.Apply(Report(video, VideoEventKind.Progress, progress: 30), Start.AddHours(2));
        video.Apply(Report(video, VideoEventKind.Processing), Start.AddHours(2));
        video.Apply(Report(video, VideoEventKind.Completed, attempt: video.Attempt - 1), Start.AddHours(2));

        Assert.Empty(video.TakeChanges());
    }

    [Fact]
    public void Deleting_logs_the_deletion_and_a_refused_one_logs_nothing()
    {
        var busy = In(VideoStatus.Processing);
        Assert.Throws<InvalidOperationException>(() => busy.Delete(Start.AddHours(1)));
        Assert.Empty(busy.TakeChanges());

        var video = In(VideoStatus.Completed);
        video.Delete(Start.AddHours(1));

        var change = Assert.Single(video.TakeChanges());
        Assert.Equal((video.Id, video.UserId, VideoChangeKind.Deleted, VideoStatus.Completed, Start.AddHours(1)), (change.VideoId, change.UserId, change.Kind, change.Status, change.At));
    }

    [Fact]
    public void What_a_reader_of_the_video_would_not_see_change_logs_nothing()
    {
        var video = In(VideoStatus.AwaitingUpload);
        video.ExpectUpload("upload-1", Start.AddMinutes(15));
        Assert.Empty(video.TakeChanges());

        var stalled = In(VideoStatus.Processing);
        Assert.Equal(Recovery.JobAskedAgain, stalled.RecoverIfStalled(TimeSpan.FromMinutes(15), Start.AddHours(1), maxResends: 3));
        Assert.Empty(stalled.TakeChanges());
    }

    [Fact]
    public void The_database_takes_the_changes_through_the_change_log_once_in_the_order_they_happened()
    {
        var video = New();
        video.Queue(Start.AddSeconds(1));
        video.Apply(Report(video, VideoEventKind.Processing), Start.AddSeconds(2));
        IChangeLogProducer producer = video;

        var logged = producer.TakeChangeLog();

        Assert.Equal(
            [VideoChangeKind.Created, VideoChangeKind.Queued, VideoChangeKind.Processing],
            logged.Cast<VideoChange>().Select(c => c.Kind));
        Assert.Empty(producer.TakeChangeLog());
        Assert.Empty(video.TakeChanges());
    }
}
