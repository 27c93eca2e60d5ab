using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using static Vidsnap.Domain.Tests.Videos.VideoStates;

namespace Vidsnap.Domain.Tests.Videos;

public sealed class VideoTests
{
    public static TheoryData<VideoStatus> AllStatuses => [.. Enum.GetValues<VideoStatus>()];

    [Fact]
    public void A_new_video_awaits_its_upload_under_keys_made_from_its_ids_and_asks_for_nothing()
    {
        var video = New();

        Assert.Equal(VideoStatus.AwaitingUpload, video.Status);
        Assert.Equal(0, video.Attempt);
        Assert.Equal(ObjectKeys.Source(video.UserId, video.Id), video.SourceKey);
        Assert.Equal(ObjectKeys.Frames(video.UserId, video.Id), video.OutputKey);
        Assert.Equal(100, video.Options.MaxFrames);
        Assert.Equal((VideoStatus.AwaitingUpload, 0, Start), Assert.Single(video.History) is var h ? (h.Status, h.Attempt, h.At) : default);
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void Queuing_an_upload_starts_attempt_1_and_asks_the_worker_for_its_job()
    {
        var video = New();
        var version = video.Version;

        video.Queue(Start.AddMinutes(1));

        Assert.Equal(VideoStatus.Queued, video.Status);
        Assert.Equal(1, video.Attempt);
        Assert.Equal(Start.AddMinutes(1), video.UpdatedAt);
        Assert.NotEqual(version, video.Version);
        Assert.Equal([VideoStatus.AwaitingUpload, VideoStatus.Queued], video.History.Select(h => h.Status));
        var messages = video.TakeMessages();
        Assert.Equal(2, messages.Count);
        var job = Assert.Single(messages.OfType<VideoJob>());
        Assert.Equal((video.Id, video.UserId, 1, video.SourceKey, video.OutputKey), (job.VideoId, job.UserId, job.Attempt, job.SourceKey, job.OutputKey));
        Assert.Equal(video.Options, job.Options);
        var published = Assert.Single(messages.OfType<VideoLifecycleEvent>());
        Assert.Equal((VideoEventTypes.Queued, video.UserId, VideoStatus.Queued, Start.AddMinutes(1)), (published.Type, published.UserId, published.Video.Status, published.OccurredAt));
        Assert.Equal([VideoStatus.AwaitingUpload, VideoStatus.Queued], published.Video.History!.Select(h => h.Status));
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void Queuing_a_failed_video_again_is_a_new_attempt_with_its_error_and_progress_cleared()
    {
        var video = In(VideoStatus.Failed);

        video.Queue(Start.AddMinutes(5));

        Assert.Equal((VideoStatus.Queued, 2, 0, null, null), (video.Status, video.Attempt, video.Progress, video.FrameCount, video.Error));
        Assert.Equal(2, Assert.Single(video.TakeMessages().OfType<VideoJob>()).Attempt);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Only_a_video_awaiting_its_upload_or_failed_can_be_queued(VideoStatus status)
    {
        var video = In(status);
        var queueable = status is VideoStatus.AwaitingUpload or VideoStatus.Failed;

        Assert.Equal(queueable, video.CanBeQueued);
        if (!queueable)
        {
            Assert.Throws<InvalidOperationException>(() => video.Queue(Start.AddHours(1)));
            Assert.Equal(status, video.Status);
            Assert.Empty(video.TakeMessages());
        }
    }

    [Fact]
    public void A_multipart_upload_is_expected_only_before_the_upload()
    {
        var video = New();
        video.ExpectUpload("upload-1", Start.AddMinutes(15));
        Assert.Equal("upload-1", video.UploadId);

        video.Queue(Start);
        Assert.Throws<InvalidOperationException>(() => video.ExpectUpload("upload-2", Start.AddMinutes(15)));
    }

    /// <summary>Every state against every event of the current attempt: what it becomes, or null when nothing changes.</summary>
    public static TheoryData<VideoStatus, VideoEventKind, VideoStatus?> Matrix => new()
    {
        { VideoStatus.AwaitingUpload, VideoEventKind.Processing, null },
        { VideoStatus.AwaitingUpload, VideoEventKind.Progress, null },
        { VideoStatus.AwaitingUpload, VideoEventKind.Completed, null },
        { VideoStatus.AwaitingUpload, VideoEventKind.Failed, null },
        { VideoStatus.Queued, VideoEventKind.Processing, VideoStatus.Processing },
        { VideoStatus.Queued, VideoEventKind.Progress, VideoStatus.Processing },
        { VideoStatus.Queued, VideoEventKind.Completed, VideoStatus.Completed },
        { VideoStatus.Queued, VideoEventKind.Failed, VideoStatus.Failed },
        { VideoStatus.Processing, VideoEventKind.Processing, null },
        { VideoStatus.Processing, VideoEventKind.Progress, VideoStatus.Processing },
        { VideoStatus.Processing, VideoEventKind.Completed, VideoStatus.Completed },
        { VideoStatus.Processing, VideoEventKind.Failed, VideoStatus.Failed },
        { VideoStatus.Completed, VideoEventKind.Processing, null },
        { VideoStatus.Completed, VideoEventKind.Progress, null },
        { VideoStatus.Completed, VideoEventKind.Completed, null },
        { VideoStatus.Completed, VideoEventKind.Failed, null },
        { VideoStatus.Failed, VideoEventKind.Processing, null },
        { VideoStatus.Failed, VideoEventKind.Progress, null },
        { VideoStatus.Failed, VideoEventKind.Completed, null },
        { VideoStatus.Failed, VideoEventKind.Failed, null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_state_against_each_event(VideoStatus from, VideoEventKind kind, VideoStatus? to)
    {
        var video = In(from);
        var before = (video.Status, video.Progress, video.Version, video.History.Count, video.UpdatedAt);

        var result = video.Apply(Report(video, kind, progress: 40, frameCount: 9, error: "broken"), Start.AddHours(1));

        Assert.Equal(to is not null, result.Changed);
        if (to is null)
        {
            Assert.Equal(before, (video.Status, video.Progress, video.Version, video.History.Count, video.UpdatedAt));
            Assert.Empty(video.TakeMessages());
            return;
        }

        Assert.Equal(to, video.Status);
        Assert.NotEqual(before.Version, video.Version);
        Assert.Equal(Start.AddHours(1), video.UpdatedAt);
        var messages = video.TakeMessages();
        if (video.IsFinished)
        {
            Assert.Equal(2, messages.Count);
            var notification = Assert.Single(messages.OfType<NotificationRequest>());
            Assert.Equal((video.Id, video.Attempt, to.Value, "owner@example.com", "clip.mp4"), (notification.VideoId, notification.Attempt, notification.Outcome, notification.Email, notification.FileName));
            var published = Assert.Single(messages.OfType<VideoLifecycleEvent>());
            Assert.Equal(to == VideoStatus.Completed ? VideoEventTypes.Completed : VideoEventTypes.Failed, published.Type);
            Assert.Equal((to.Value, video.FrameCount, video.Error), (published.Video.Status, published.Video.FrameCount, published.Video.Error));
        }
        else
        {
            Assert.Empty(messages);
        }
    }

    [Fact]
    public void A_completed_report_records_the_frame_count_and_a_failed_one_the_reason_in_history_and_notification()
    {
        var completed = In(VideoStatus.Processing);
        completed.Apply(Report(completed, VideoEventKind.Completed, frameCount: 12), Start.AddHours(1));
        Assert.Equal((100, 12), (completed.Progress, completed.FrameCount));
        Assert.Equal("12 frames", completed.History[^1].Detail);
        Assert.Equal(12, Assert.Single(completed.TakeMessages().OfType<NotificationRequest>()).FrameCount);

        var failed = In(VideoStatus.Processing);
        failed.Apply(Report(failed, VideoEventKind.Failed, error: "The video lasts 5:00:00, longer than the limit."), Start.AddHours(1));
        Assert.Equal("The video lasts 5:00:00, longer than the limit.", failed.Error);
        Assert.Equal(failed.Error, failed.History[^1].Detail);
        Assert.Equal(failed.Error, Assert.Single(failed.TakeMessages().OfType<NotificationRequest>()).Error);

        var silent = In(VideoStatus.Queued);
        silent.Apply(Report(silent, VideoEventKind.Failed), Start.AddHours(1));
        Assert.Equal("Processing failed.", silent.Error);
    }

    [Fact]
    public void A_duplicate_terminal_report_changes_nothing_and_asks_for_no_second_email()
    {
        var video = In(VideoStatus.Processing);
        var report = Report(video, VideoEventKind.Completed, frameCount: 3);

        Assert.True(video.Apply(report, Start.AddHours(1)).Changed);
        Assert.Single(video.TakeMessages().OfType<NotificationRequest>());
        Assert.False(video.Apply(report, Start.AddHours(2)).Changed);
        Assert.False(video.Apply(Report(video, VideoEventKind.Failed, error: "late"), Start.AddHours(2)).Changed);
        Assert.Empty(video.TakeMessages());
        Assert.Equal((VideoStatus.Completed, 3, null), (video.Status, video.FrameCount, video.Error));
    }

    [Theory]
    [InlineData(VideoEventKind.Processing)]
    [InlineData(VideoEventKind.Progress)]
    [InlineData(VideoEventKind.Completed)]
    [InlineData(VideoEventKind.Failed)]
    public void Reports_of_an_earlier_attempt_are_stale_whatever_they_say(VideoEventKind kind)
    {
        var video = In(VideoStatus.Failed);
        video.Queue(Start.AddHours(1));
        video.TakeMessages();

        var result = video.Apply(Report(video, kind, attempt: 1, progress: 50, frameCount: 4), Start.AddHours(2));

        Assert.False(result.Changed);
        Assert.Contains("attempt 1", result.Reason, StringComparison.Ordinal);
        Assert.Equal((VideoStatus.Queued, 2), (video.Status, video.Attempt));
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void Progress_only_grows_stays_below_100_and_adds_no_history_while_processing()
    {
        var video = In(VideoStatus.Processing);
        var history = video.History.Count;

        Assert.True(video.Apply(Report(video, VideoEventKind.Progress, progress: 40), Start.AddHours(1)).Changed);
        Assert.False(video.Apply(Report(video, VideoEventKind.Progress, progress: 30), Start.AddHours(1)).Changed);
        Assert.False(video.Apply(Report(video, VideoEventKind.Progress, progress: 40), Start.AddHours(1)).Changed);
        Assert.True(video.Apply(Report(video, VideoEventKind.Progress, progress: 100), Start.AddHours(1)).Changed);

        Assert.Equal(99, video.Progress);
        Assert.Equal(history, video.History.Count);
    }

    [Fact]
    public void Progress_before_the_processing_report_starts_processing_with_its_history_entry()
    {
        var video = In(VideoStatus.Queued);

        video.Apply(Report(video, VideoEventKind.Progress, progress: 10), Start.AddHours(1));

        Assert.Equal((VideoStatus.Processing, 10), (video.Status, video.Progress));
        Assert.Equal(VideoStatus.Processing, video.History[^1].Status);
        Assert.False(video.Apply(Report(video, VideoEventKind.Processing), Start.AddHours(1)).Changed);
    }

    [Theory]
    [InlineData(VideoStatus.Queued, Recovery.JobAskedAgain)]
    [InlineData(VideoStatus.Processing, Recovery.JobAskedAgain)]
    [InlineData(VideoStatus.Completed, Recovery.NotificationAskedAgain)]
    [InlineData(VideoStatus.Failed, Recovery.NotificationAskedAgain)]
    [InlineData(VideoStatus.AwaitingUpload, Recovery.None)]
    public void A_stalled_video_asks_again_for_what_its_state_waits_on(VideoStatus status, Recovery expected)
    {
        var video = In(status);
        var version = video.Version;

        Assert.Equal(Recovery.None, video.RecoverIfStalled(staleAfter: Start.AddHours(1) - video.UpdatedAt + TimeSpan.FromTicks(1), Start.AddHours(1), maxResends: 3));
        Assert.Empty(video.TakeMessages());

        var recovery = video.RecoverIfStalled(staleAfter: Start.AddHours(1) - video.UpdatedAt, Start.AddHours(1), maxResends: 3);

        Assert.Equal(expected, recovery);
        var messages = video.TakeMessages();
        switch (expected)
        {
            case Recovery.JobAskedAgain:
                Assert.Equal(video.Attempt, Assert.IsType<VideoJob>(Assert.Single(messages)).Attempt);
                break;
            case Recovery.NotificationAskedAgain:
                var request = Assert.IsType<NotificationRequest>(Assert.Single(messages));
                Assert.Equal(video.OutcomeNotificationKey, request.DeduplicationKey);
                break;
            default:
                Assert.Empty(messages);
                Assert.Equal(version, video.Version);
                return;
        }

        Assert.Equal(status, video.Status);
        Assert.NotEqual(version, video.Version);
        Assert.Equal(Start.AddHours(1), video.UpdatedAt);
    }

    [Fact]
    public void A_job_asked_for_again_too_often_fails_the_video_with_a_reason_and_a_new_attempt_starts_counting_again()
    {
        var video = In(VideoStatus.Processing);
        var at = Start.AddHours(1);
        for (var resend = 1; resend <= 2; resend++)
        {
            Assert.Equal(Recovery.JobAskedAgain, video.RecoverIfStalled(TimeSpan.FromMinutes(30), at, maxResends: 2));
            Assert.Equal(resend, video.Resends);
            video.TakeMessages();
            at = at.AddHours(1);
        }

        Assert.Equal(Recovery.FailedAfterResends, video.RecoverIfStalled(TimeSpan.FromMinutes(30), at, maxResends: 2));

        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.Contains("lost track of this video's processing 3 times", video.Error, StringComparison.Ordinal);
        var messages = video.TakeMessages();
        Assert.Single(messages.OfType<NotificationRequest>());
        Assert.Equal(VideoEventTypes.Failed, Assert.Single(messages.OfType<VideoLifecycleEvent>()).Type);
        Assert.Equal(Recovery.None, video.RecoverIfStalled(TimeSpan.FromMinutes(30), at.AddHours(1), maxResends: 0));

        video.Queue(at.AddHours(2));
        Assert.Equal(0, video.Resends);
    }

    [Fact]
    public void A_queued_video_behind_a_backlog_is_asked_for_ever_more_rarely_and_never_failed_for_it()
    {
        var video = In(VideoStatus.Queued);
        var staleAfter = TimeSpan.FromMinutes(15);
        var asked = new List<DateTimeOffset>();
        for (var at = video.UpdatedAt; at < video.UpdatedAt.AddHours(8); at = at.AddMinutes(1))
        {
            var recovery = video.RecoverIfStalled(staleAfter, at, maxResends: 1);
            Assert.NotEqual(Recovery.FailedAfterResends, recovery);
            if (recovery == Recovery.JobAskedAgain)
            {
                asked.Add(at);
            }
        }

        Assert.Equal(VideoStatus.Queued, video.Status);
        var gaps = asked.Zip(asked.Skip(1), (a, b) => (b - a).TotalMinutes).ToList();
        Assert.Equal([15, 30, 60, 120], [asked[0].Subtract(Start.AddSeconds(1)).TotalMinutes, .. gaps.Take(3)]);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void A_video_is_deleted_only_at_rest(VideoStatus status)
    {
        var video = In(status);
        var atRest = status is not (VideoStatus.Queued or VideoStatus.Processing);

        Assert.Equal(atRest, video.CanBeDeleted);
        if (atRest)
        {
            video.Delete(Start.AddHours(1));
            var published = Assert.IsType<VideoLifecycleEvent>(Assert.Single(video.TakeMessages()));
            Assert.Equal((VideoEventTypes.Deleted, video.Id, status), (published.Type, published.Video.Id, published.Video.Status));
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => video.Delete(Start.AddHours(1)));
            Assert.Empty(video.TakeMessages());
        }
    }

    [Fact]
    public void The_outcome_email_is_known_by_video_attempt_and_outcome_once_finished()
    {
        Assert.Null(In(VideoStatus.Processing).OutcomeNotificationKey);
        var video = In(VideoStatus.Completed);
        Assert.Equal(NotificationRequest.KeyFor(video.Id, 1, VideoStatus.Completed), video.OutcomeNotificationKey);
    }
}
