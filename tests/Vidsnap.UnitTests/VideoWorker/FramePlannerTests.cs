using Vidsnap.Contracts;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

public sealed class FramePlannerTests
{
    private static readonly MediaInfo Media = new("mov,mp4", 60, "h264", 1280, 720, 25, 1, 0, 0);

    [Theory]
    [InlineData(10.0, 1.0, 10)]
    [InlineData(10.0, 3.0, 4)]
    [InlineData(9.5, 1.0, 10)]
    [InlineData(0.5, 1.0, 1)]
    [InlineData(180.0, 10.0, 18)]
    public void Expected_frames_is_duration_over_interval_rounded_up(double duration, double interval, int expected)
    {
        Assert.Equal(expected, FramePlanner.ExpectedFrames(duration, interval));
    }

    /// <summary>Each request gets the strategy named for the ffmpeg run that serves it cheapest.</summary>
    [Theory]
    [InlineData(ExtractionOptions.IntervalMode, 1.0, ExtractionOptions.ExactPrecision, ExtractionStrategy.FpsFilterDecode)]
    [InlineData(ExtractionOptions.IntervalMode, 10.0, ExtractionOptions.ExactPrecision, ExtractionStrategy.InputSeekPerMoment)]
    [InlineData(ExtractionOptions.IntervalMode, 1.0, ExtractionOptions.FastPrecision, ExtractionStrategy.NearestKeyframes)]
    [InlineData(ExtractionOptions.CountMode, 1.0, ExtractionOptions.ExactPrecision, ExtractionStrategy.InputSeekPerMoment)]
    [InlineData(ExtractionOptions.CountMode, 1.0, ExtractionOptions.FastPrecision, ExtractionStrategy.NearestKeyframes)]
    [InlineData(ExtractionOptions.TimestampsMode, 1.0, ExtractionOptions.FastPrecision, ExtractionStrategy.NearestKeyframes)]
    [InlineData(ExtractionOptions.KeyframesMode, 1.0, ExtractionOptions.FastPrecision, ExtractionStrategy.KeyframesOnlyDecode)]
    [InlineData(ExtractionOptions.SceneMode, 1.0, ExtractionOptions.ExactPrecision, ExtractionStrategy.SceneFilterDecode)]
    public void Each_request_gets_the_run_that_serves_it(string mode, double interval, string precision, ExtractionStrategy expected)
    {
        var options = new ExtractionOptions { Mode = mode, IntervalSeconds = interval, Precision = precision, Count = 5, Timestamps = [1, 2] };

        Assert.Equal(expected, FramePlanner.Plan(options, Media, new VideoWorkerOptions()).Strategy);
        // Known before the probe, so the keyframe index is read beside it exactly when the plan will use it.
        Assert.Equal(expected, FramePlanner.StrategyFor(options, new VideoWorkerOptions()));
        Assert.Equal(expected is ExtractionStrategy.InputSeekPerMoment or ExtractionStrategy.NearestKeyframes, FramePlanner.ReadsKeyframes(expected));
    }

    [Fact]
    public void A_request_past_the_frame_limit_is_rejected_with_what_to_change()
    {
        var options = new ExtractionOptions { IntervalSeconds = 0.1, MaxFrames = 100 };

        var rejection = Assert.Throws<VideoRejectedException>(() => FramePlanner.Plan(options, Media, new VideoWorkerOptions()));

        Assert.Contains("600 frames, more than the limit of 100", rejection.Message, StringComparison.Ordinal);
    }
}
