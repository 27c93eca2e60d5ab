using Vidsnap.Contracts;
using Vidsnap.VideoWorker;
using Vidsnap.VideoWorker.Segments;

namespace Vidsnap.UnitTests.VideoWorker.Segments;

public sealed class SegmentPlannerTests
{
    private static readonly VideoWorkerOptions Settings = new() { SplitAboveSeconds = 600, SegmentSeconds = 300, MaxSegments = 64 };

    /// <summary>A 20-minute video at one frame a second: 1200 moments, 0 to 1199 s.</summary>
    private static FramePlan Dense(double seconds = 1200, double interval = 1) =>
        new(ExtractionStrategy.FpsFilterDecode, [.. Enumerable.Range(0, (int)(seconds / interval)).Select(i => i * interval)], 0, seconds, 10_000);

    private static IReadOnlyList<double> KeyframesEvery(double seconds, double until) =>
        [.. Enumerable.Range(0, (int)(until / seconds) + 1).Select(i => i * seconds)];

    [Fact]
    public void Work_at_or_below_the_setting_is_not_split_and_the_setting_at_zero_never_splits()
    {
        Assert.Equal(1, SegmentPlanner.SegmentCount(Dense(600), Settings));
        Assert.Equal(1, SegmentPlanner.SegmentCount(Dense(7200), new VideoWorkerOptions { SplitAboveSeconds = 0 }));
        Assert.Equal(3, SegmentPlanner.SegmentCount(Dense(601), Settings));
        Assert.Equal(4, SegmentPlanner.SegmentCount(Dense(1200), Settings));
        Assert.Equal(48, SegmentPlanner.SegmentCount(Dense(4 * 3600), Settings));
        Assert.Equal(64, SegmentPlanner.SegmentCount(Dense(8 * 3600), Settings));
    }

    [Fact]
    public void Sparse_seeks_count_about_a_second_each_and_the_decoding_modes_never_split()
    {
        var seeks = new FramePlan(ExtractionStrategy.InputSeekPerMoment, [.. Enumerable.Range(0, 700).Select(i => i * 10.0)], 0, 7000, 10_000);
        Assert.Equal(700, SegmentPlanner.DecodeSeconds(seeks));
        Assert.Equal(3, SegmentPlanner.SegmentCount(seeks, Settings));
        Assert.Equal(1, SegmentPlanner.SegmentCount(seeks with { Timestamps = [.. seeks.Timestamps.Take(500)] }, Settings));

        var scenes = new FramePlan(ExtractionStrategy.SceneFilterDecode, [], 0, 7200, 10_000);
        Assert.Equal(1, SegmentPlanner.SegmentCount(scenes, Settings));
        Assert.Equal(1, SegmentPlanner.SegmentCount(scenes with { Strategy = ExtractionStrategy.KeyframesOnlyDecode }, Settings));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    [InlineData(7.3)]
    public void Segments_start_on_the_keyframe_nearest_each_cut_and_cover_every_moment_once_in_order(double keyframeSeconds)
    {
        var plan = Dense();
        var keyframes = KeyframesEvery(keyframeSeconds, 1200);
        var targets = SegmentPlanner.CutTargets(plan, 4);

        var segments = SegmentPlanner.Plan(plan, targets, keyframes);

        Assert.Equal(4, segments.Count);
        Assert.Equal([0, 1, 2, 3], segments.Select(s => s.Index));
        Assert.Equal(0, segments[0].FirstFrame);
        Assert.Equal(plan.Timestamps.Count, segments.Sum(s => s.FrameCount));
        for (var j = 1; j < segments.Count; j++)
        {
            Assert.Equal(segments[j - 1].FirstFrame + segments[j - 1].FrameCount, segments[j].FirstFrame);
            Assert.Contains(segments[j].Start, keyframes);
            Assert.True(Math.Abs(segments[j].Start - targets[j - 1]) <= (keyframeSeconds / 2) + 1e-9, $"cut {segments[j].Start} for target {targets[j - 1]}");
            // The segment's first moment is the first at or after its keyframe, and the one before ends the segment before.
            Assert.True(plan.Timestamps[segments[j].FirstFrame] >= segments[j].Start - 1e-6);
            Assert.True(plan.Timestamps[segments[j].FirstFrame - 1] < segments[j].Start);
            Assert.Equal(plan.Timestamps[segments[j].FirstFrame], segments[j - 1].End);
        }

        Assert.Equal(plan.End, segments[^1].End);
    }

    [Fact]
    public void Without_keyframes_near_a_target_the_cut_is_the_target_and_cuts_that_collapse_make_one_segment()
    {
        var plan = Dense();
        var noIndex = SegmentPlanner.Plan(plan, [300, 600, 900], []);
        Assert.Equal([0, 300, 600, 900], noIndex.Select(s => s.Start));

        // One keyframe serves all three targets: the later cuts would not move forward, so they are dropped.
        var one = SegmentPlanner.Plan(plan, [600, 601, 602], [0, 600]);
        Assert.Equal(2, one.Count);
        Assert.Equal(600, one[1].FirstFrame);
    }

    [Fact]
    public void A_sub_plan_is_the_segments_moments_from_its_first_to_where_the_next_begins()
    {
        var plan = Dense();
        var segments = SegmentPlanner.Plan(plan, SegmentPlanner.CutTargets(plan, 4), KeyframesEvery(2, 1200));

        var part = SegmentPlanner.SubPlan(plan, segments[2]);

        Assert.Equal(plan.Timestamps.Skip(segments[2].FirstFrame).Take(segments[2].FrameCount), part.Timestamps);
        Assert.Equal(part.Timestamps[0], part.Start);
        Assert.Equal(segments[3].Start, part.End);
        Assert.Equal(plan.Strategy, part.Strategy);
        Assert.Throws<InvalidOperationException>(() => SegmentPlanner.SubPlan(plan, segments[3] with { FrameCount = 2000 }));
    }

    [Fact]
    public void Keyframe_windows_are_on_the_container_clock()
    {
        Assert.Equal("300.5%+#1,600.5%+#1", SegmentPlanner.KeyframeIntervals([300, 600], 0.5));
        Assert.Equal("600.5%901.5", SegmentPlanner.KeyframeIntervals(new VideoSegment(2, 600, 300, 600, 900), 0.5));
    }

    [Fact]
    public void A_plan_that_seeks_by_the_index_gives_each_segment_its_keyframes_and_a_dense_one_gives_none()
    {
        var seeks = new FramePlan(ExtractionStrategy.InputSeekPerMoment, [.. Enumerable.Range(0, 100).Select(i => 1.5 + (i * 10.0))], 0, 1000, 10_000);
        var keyframes = KeyframesEvery(3, 1000);

        var segments = SegmentPlanner.Plan(seeks, SegmentPlanner.CutTargets(seeks, 3), keyframes);

        Assert.All(segments, s =>
        {
            var own = s.Keyframes!;
            // The keyframe each moment decodes from is in its own segment's share.
            Assert.All(seeks.Timestamps.Skip(s.FirstFrame).Take(s.FrameCount), t => Assert.Contains(SeekBatchPlanner.KeyframeBefore(keyframes, t), own));
            Assert.True(own[^1] <= s.End);
        });
        Assert.Null(SegmentPlanner.Plan(Dense(), SegmentPlanner.CutTargets(Dense(), 4), keyframes)[0].Keyframes);
    }
}
