using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;
using static Vidsnap.Domain.Tests.Videos.VideoStates;

namespace Vidsnap.Domain.Tests.Videos;

public sealed class VideoSegmentTests
{
    private static readonly DateTimeOffset Later = Start.AddHours(1);

    [Fact]
    public void A_split_asks_for_one_job_per_segment_moves_a_queued_video_to_processing_and_records_it()
    {
        var video = In(VideoStatus.Queued);
        var plan = Plan(4);

        var result = video.Apply(SplitReport(video, plan), Later);

        Assert.True(result.Changed);
        Assert.Equal(VideoStatus.Processing, video.Status);
        Assert.Equal((VideoStatus.Processing, "Split into 4 segments"), (video.History[^1].Status, video.History[^1].Detail));
        Assert.Equal(plan, video.Segments.Select(s => s.Segment));
        Assert.All(video.Segments, s => Assert.Equal((0, false), (s.Progress, s.Done)));
        var jobs = video.TakeMessages().Cast<VideoJob>().ToList();
        Assert.Equal(plan, jobs.Select(j => j.Segment));
        Assert.All(jobs, j => Assert.Equal(
            (VideoJobStage.Segment, 4, video.Id, video.Attempt, video.SourceKey, video.OutputKey, video.SizeBytes),
            (j.Stage, j.SegmentCount, j.VideoId, j.Attempt, j.SourceKey, j.OutputKey, j.SizeBytes)));
        Assert.Equal(4, jobs.Select(j => j.MessageId).Distinct().Count());
        Assert.Equal(VideoChangeKind.Processing, Assert.Single(video.TakeChanges()).Kind);
    }

    [Fact]
    public void A_second_split_of_the_same_attempt_changes_nothing_and_asks_for_nothing()
    {
        var video = Split(In(VideoStatus.Processing), 3);
        var before = (video.SegmentsJson, video.Version, video.History.Count);

        var result = video.Apply(SplitReport(video, Plan(5)), Later.AddMinutes(1));

        Assert.False(result.Changed);
        Assert.Equal(before, (video.SegmentsJson, video.Version, video.History.Count));
        Assert.Empty(video.TakeMessages());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_split_into_fewer_than_two_segments_is_ignored(int? count)
    {
        var video = In(VideoStatus.Processing);
        var report = new VideoStatusEvent(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.Split, Start, Segments: count is { } n ? Plan(n) : null);

        Assert.False(video.Apply(report, Later).Changed);
        Assert.Empty(video.Segments);
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void Segment_progress_adds_up_to_the_videos_ninety_percent_and_never_goes_back()
    {
        var video = Split(In(VideoStatus.Processing), 4);

        Assert.True(video.Apply(SegmentProgress(video, 0, 50), Later).Changed);
        Assert.Equal(11, video.Progress);
        Assert.Equal((VideoChangeKind.Progress, 11), Assert.Single(video.TakeChanges()) is var c ? (c.Kind, c.Progress) : default);

        Assert.False(video.Apply(SegmentProgress(video, 0, 30), Later).Changed);
        Assert.False(video.Apply(SegmentProgress(video, 0, 50), Later).Changed);
        Assert.Equal(50, video.Segments[0].Progress);

        var seen = new List<int> { video.Progress };
        foreach (var (segment, progress) in new[] { (1, 99), (2, 99), (0, 120), (3, 99), (2, 40) })
        {
            video.Apply(SegmentProgress(video, segment, progress), Later);
            seen.Add(video.Progress);
        }

        Assert.Equal([99, 99, 99, 99], video.Segments.Select(s => s.Progress));
        Assert.Equal(89, video.Progress);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(VideoStatus.Processing, video.Status);
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void A_segments_progress_too_small_to_move_the_video_is_kept_so_the_segments_together_move_it()
    {
        var video = Split(In(VideoStatus.Processing), 4);
        var history = video.History.Count;

        Assert.True(video.Apply(SegmentProgress(video, 1, 4), Later).Changed);
        Assert.Equal((0, 4), (video.Progress, video.Segments[1].Progress));
        Assert.Equal(Later, video.UpdatedAt);
        Assert.Empty(video.TakeChanges());

        video.Apply(SegmentProgress(video, 2, 4), Later.AddMinutes(1));

        Assert.Equal(1, video.Progress);
        Assert.Equal(VideoChangeKind.Progress, Assert.Single(video.TakeChanges()).Kind);
        Assert.Equal(history, video.History.Count);
    }

    [Fact]
    public void Segment_events_for_an_unsplit_video_or_a_segment_it_lacks_are_ignored()
    {
        var whole = In(VideoStatus.Processing);
        Assert.False(whole.Apply(SegmentProgress(whole, 0, 50), Later).Changed);
        Assert.False(whole.Apply(SegmentCompleted(whole, 0), Later).Changed);
        Assert.Equal(0, whole.Progress);

        var split = Split(In(VideoStatus.Processing), 4);
        var before = (split.SegmentsJson, split.Version);
        Assert.False(split.Apply(SegmentProgress(split, 4, 50), Later).Changed);
        Assert.False(split.Apply(SegmentProgress(split, -1, 50), Later).Changed);
        Assert.False(split.Apply(SegmentCompleted(split, 9), Later).Changed);
        Assert.Equal(before, (split.SegmentsJson, split.Version));
        Assert.Empty(split.TakeMessages());
    }

    [Fact]
    public void Only_the_last_segment_stored_asks_for_the_join_once_whatever_the_order_and_duplicates()
    {
        var video = Split(In(VideoStatus.Processing), 4);
        var joins = new List<(int After, VideoJob Job)>();
        int[] completions = [2, 0, 0, 3, 2, 1, 1, 3, 0];
        for (var i = 0; i < completions.Length; i++)
        {
            video.Apply(SegmentCompleted(video, completions[i], frameCount: 10 + completions[i], outputBytes: 1000), Later.AddSeconds(i));
            joins.AddRange(video.TakeMessages().Cast<VideoJob>().Select(j => (i, j)));
        }

        var (after, join) = Assert.Single(joins);
        Assert.Equal(5, after);
        Assert.Equal((VideoJobStage.Join, null, 4, video.Attempt), (join.Stage, join.Segment, join.SegmentCount, join.Attempt));
        Assert.Equal(90, video.Progress);
        Assert.Equal(VideoStatus.Processing, video.Status);
        Assert.Equal([10, 11, 12, 13], video.Segments.Select(s => s.FrameCount));
        Assert.All(video.Segments, s => Assert.Equal((true, 100, 1000L), (s.Done, s.Progress, s.OutputBytes)));
    }

    [Fact]
    public void A_duplicate_segment_completion_changes_nothing()
    {
        var video = Split(In(VideoStatus.Processing), 2);
        Assert.True(video.Apply(SegmentCompleted(video, 1, frameCount: 5), Later).Changed);
        var before = (video.SegmentsJson, video.Version, video.Progress);

        Assert.False(video.Apply(SegmentCompleted(video, 1, frameCount: 6), Later.AddMinutes(1)).Changed);
        Assert.False(video.Apply(SegmentProgress(video, 1, 50), Later.AddMinutes(1)).Changed);

        Assert.Equal(before, (video.SegmentsJson, video.Version, video.Progress));
        Assert.Equal(5, video.Segments[1].FrameCount);
    }

    [Fact]
    public void The_joins_progress_and_completion_finish_the_video_with_one_email_and_one_event()
    {
        var video = AllSegmentsDone(In(VideoStatus.Processing), 3);
        Assert.True(video.Apply(Report(video, VideoEventKind.Progress, progress: 95), Later).Changed);
        Assert.False(video.Apply(Report(video, VideoEventKind.Progress, progress: 92), Later).Changed);
        Assert.Equal(95, video.Progress);

        var completed = new VideoStatusEvent(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.Completed, Start, FrameCount: 42, OutputBytes: 9000);
        Assert.True(video.Apply(completed, Later.AddMinutes(1)).Changed);

        Assert.Equal((VideoStatus.Completed, 100, 42, 9000L), (video.Status, video.Progress, video.FrameCount, video.OutputBytes));
        var messages = video.TakeMessages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(42, Assert.Single(messages.OfType<NotificationRequest>()).FrameCount);
        Assert.Equal(VideoEventTypes.Completed, Assert.Single(messages.OfType<VideoLifecycleEvent>()).Type);

        Assert.False(video.Apply(completed with { MessageId = Guid.NewGuid() }, Later.AddMinutes(2)).Changed);
        Assert.Empty(video.TakeMessages());
    }

    [Fact]
    public void A_failed_segment_fails_the_video_and_a_later_completion_asks_for_no_join()
    {
        var video = Split(In(VideoStatus.Processing), 2);
        video.Apply(SegmentCompleted(video, 0), Later);
        video.TakeMessages();

        var failed = new VideoStatusEvent(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.Failed, Start, Error: "Segment 2 could not be decoded.", Segment: 1);
        Assert.True(video.Apply(failed, Later.AddMinutes(1)).Changed);

        Assert.Equal((VideoStatus.Failed, "Segment 2 could not be decoded."), (video.Status, video.Error));
        Assert.Single(video.TakeMessages().OfType<NotificationRequest>());
        Assert.False(video.Apply(SegmentCompleted(video, 1), Later.AddMinutes(2)).Changed);
        Assert.False(video.Apply(SegmentProgress(video, 1, 80), Later.AddMinutes(2)).Changed);
        Assert.Empty(video.TakeMessages());
        Assert.False(video.Segments[1].Done);
    }

    [Fact]
    public void A_stalled_split_video_asks_again_only_for_its_pending_segments_and_then_for_the_join()
    {
        var video = Split(In(VideoStatus.Processing), 4);
        video.Apply(SegmentCompleted(video, 0), Later);
        video.Apply(SegmentProgress(video, 1, 70), Later);
        video.Apply(SegmentCompleted(video, 2), Later);
        video.TakeMessages();

        Assert.Equal(Recovery.JobAskedAgain, video.RecoverIfStalled(TimeSpan.FromMinutes(30), Later.AddHours(1), maxResends: 3));

        var pending = video.TakeMessages().Cast<VideoJob>().ToList();
        Assert.Equal([1, 3], pending.Select(j => j.Segment!.Index));
        Assert.All(pending, j => Assert.Equal((VideoJobStage.Segment, 4), (j.Stage, j.SegmentCount)));
        Assert.Equal(video.Segments[1].Segment, pending[0].Segment);

        video.Apply(SegmentCompleted(video, 1), Later.AddHours(2));
        video.Apply(SegmentCompleted(video, 3), Later.AddHours(2));
        Assert.Equal(VideoJobStage.Join, Assert.Single(video.TakeMessages().Cast<VideoJob>()).Stage);

        Assert.Equal(Recovery.JobAskedAgain, video.RecoverIfStalled(TimeSpan.FromMinutes(30), Later.AddHours(3), maxResends: 3));

        var join = Assert.IsType<VideoJob>(Assert.Single(video.TakeMessages()));
        Assert.Equal((VideoJobStage.Join, null, 4), (join.Stage, join.Segment, join.SegmentCount));
    }

    [Fact]
    public void A_retry_starts_unsplit_and_the_earlier_attempts_segment_events_are_stale()
    {
        var video = AllSegmentsDone(In(VideoStatus.Processing), 2);
        video.Apply(Report(video, VideoEventKind.Completed, frameCount: 8), Later);
        var earlier = video.Attempt;

        video.Retry(null, Later.AddMinutes(1));

        Assert.Null(video.SegmentsJson);
        Assert.Empty(video.Segments);
        Assert.Equal(VideoJobStage.Whole, Assert.Single(video.TakeMessages().OfType<VideoJob>()).Stage);
        var stale = SegmentCompleted(video, 0) with { Attempt = earlier };
        Assert.False(video.Apply(stale, Later.AddMinutes(2)).Changed);
        Assert.False(video.Apply(SegmentCompleted(video, 0), Later.AddMinutes(2)).Changed);

        Assert.True(video.Apply(SplitReport(video, Plan(3)), Later.AddMinutes(3)).Changed);
        Assert.Equal(3, video.Segments.Count);
    }

    private static VideoSegment[] Plan(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new VideoSegment(i, i * 25, 25, i * 60.0, (i + 1) * 60.0))];

    private static VideoStatusEvent SplitReport(Video video, IReadOnlyList<VideoSegment> plan) =>
        new(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.Split, Start, Segments: plan);

    private static VideoStatusEvent SegmentProgress(Video video, int segment, int progress) =>
        new(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.Progress, Start, Progress: progress, Segment: segment);

    private static VideoStatusEvent SegmentCompleted(Video video, int segment, int? frameCount = 25, long? outputBytes = 100) =>
        new(Guid.NewGuid(), video.Id, video.Attempt, VideoEventKind.SegmentCompleted, Start, FrameCount: frameCount, OutputBytes: outputBytes, Segment: segment);

    private static Video Split(Video video, int count)
    {
        Assert.True(video.Apply(SplitReport(video, Plan(count)), Start.AddMinutes(30)).Changed);
        video.TakeMessages();
        video.TakeChanges();
        return video;
    }

    private static Video AllSegmentsDone(Video video, int count)
    {
        Split(video, count);
        for (var i = 0; i < count; i++)
        {
            video.Apply(SegmentCompleted(video, i), Start.AddMinutes(40));
        }

        Assert.Equal(VideoJobStage.Join, Assert.Single(video.TakeMessages().Cast<VideoJob>()).Stage);
        video.TakeChanges();
        return video;
    }
}
