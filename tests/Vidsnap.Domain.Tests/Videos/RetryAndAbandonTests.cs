using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;
using static Vidsnap.Domain.Tests.Videos.VideoStates;

namespace Vidsnap.Domain.Tests.Videos;

public sealed class RetryAndAbandonTests
{
    [Theory]
    [InlineData(VideoStatus.AwaitingUpload, false)]
    [InlineData(VideoStatus.Queued, false)]
    [InlineData(VideoStatus.Processing, false)]
    [InlineData(VideoStatus.Completed, true)]
    [InlineData(VideoStatus.Failed, true)]
    public void Only_a_finished_video_is_retried(VideoStatus status, bool retried)
    {
        var video = In(status);
        var attempt = video.Attempt;

        if (!retried)
        {
            Assert.False(video.CanBeRetried);
            Assert.Throws<InvalidOperationException>(() => video.Retry(null, Start.AddHours(1)));
            Assert.Equal((status, attempt), (video.Status, video.Attempt));
            Assert.Empty(video.TakeMessages());
            return;
        }

        video.Retry(new ExtractionOptions { Mode = ExtractionOptions.CountMode, Count = 3, MaxFrames = 100 }, Start.AddHours(1));

        Assert.Equal(VideoStatus.Queued, video.Status);
        Assert.Equal(attempt + 1, video.Attempt);
        Assert.Equal((0, (int?)null, (string?)null, (long?)null), (video.Progress, video.FrameCount, video.Error, video.OutputBytes));
        Assert.Equal(3, video.Options.Count);
        var last = video.History[^1];
        Assert.Equal((VideoStatus.Queued, $"Attempt {attempt + 1} with new options"), (last.Status, last.Detail));
        var messages = video.TakeMessages();
        var job = Assert.Single(messages.OfType<VideoJob>());
        Assert.Equal((attempt + 1, 3), (job.Attempt, job.Options.Count));
        Assert.Equal(VideoEventTypes.Queued, Assert.Single(messages.OfType<VideoLifecycleEvent>()).Type);
        Assert.Equal(VideoChangeKind.Queued, Assert.Single(video.TakeChanges()).Kind);
        Assert.Equal(attempt + 1, video.ToResource(withHistory: false).Attempt);
    }

    [Fact]
    public void The_same_options_again_say_only_the_attempt_and_events_of_the_old_attempt_change_nothing()
    {
        var video = In(VideoStatus.Failed);
        video.Retry(video.Options, Start.AddHours(1));
        Assert.Equal("Attempt 2", video.History[^1].Detail);

        var stale = video.Apply(Report(video, VideoEventKind.Completed, attempt: 1, frameCount: 9), Start.AddHours(2));
        Assert.False(stale.Changed);
        Assert.Equal(VideoStatus.Queued, video.Status);
    }

    [Fact]
    public void A_video_whose_source_retention_deleted_cannot_be_retried()
    {
        var video = In(VideoStatus.Completed);
        Assert.True(video.ExpireSource(Start.AddDays(8)));

        Assert.False(video.CanBeRetried);
        Assert.Throws<InvalidOperationException>(() => video.Retry(null, Start.AddDays(8)));
    }

    [Fact]
    public void An_upload_is_abandoned_only_after_its_slot_and_the_grace_and_a_resume_moves_that()
    {
        var video = New();
        video.ExpectUpload("upload-1", Start.AddMinutes(15));
        var grace = TimeSpan.FromMinutes(60);

        Assert.False(video.IsAbandoned(Start.AddMinutes(74), grace));
        Assert.True(video.IsAbandoned(Start.AddMinutes(75), grace));

        var version = video.Version;
        video.RenewUpload(Start.AddMinutes(80));
        Assert.NotEqual(version, video.Version);
        Assert.False(video.IsAbandoned(Start.AddMinutes(75), grace));
        Assert.Throws<InvalidOperationException>(() => video.AbandonUpload(Start.AddMinutes(75), grace));

        video.TakeChanges();
        video.AbandonUpload(Start.AddMinutes(141), grace);
        Assert.Equal(VideoEventTypes.Deleted, Assert.Single(video.TakeMessages().OfType<VideoLifecycleEvent>()).Type);
        Assert.Equal(VideoChangeKind.Deleted, Assert.Single(video.TakeChanges()).Kind);
    }

    [Theory]
    [InlineData(VideoStatus.Queued)]
    [InlineData(VideoStatus.Processing)]
    [InlineData(VideoStatus.Completed)]
    [InlineData(VideoStatus.Failed)]
    public void A_video_past_its_upload_is_never_abandoned(VideoStatus status)
    {
        var video = In(status);

        Assert.False(video.IsAbandoned(Start.AddDays(30), TimeSpan.Zero));
        Assert.Throws<InvalidOperationException>(() => video.AbandonUpload(Start.AddDays(30), TimeSpan.Zero));
        Assert.Throws<InvalidOperationException>(() => video.RenewUpload(Start.AddDays(30)));
    }
}
