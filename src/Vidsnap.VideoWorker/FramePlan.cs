using System.Globalization;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>Each names the ffmpeg runs it makes.</summary>
public enum ExtractionStrategy
{
    /// <summary>Dense intervals: the window decoded through the fps filter, one ffmpeg per core over contiguous segments.</summary>
    FpsFilterDecode,

    /// <summary>Sparse moments, exact: one ffmpeg per moment seeking on the input (-ss before -i), as many at once as cores.</summary>
    InputSeekPerMoment,

    /// <summary>
    /// Fast precision: the keyframe at or before each moment. The keyframes' times come from the packets (ffprobe,
    /// nothing decoded); then keyframe-only decodes, one per core, keep the chosen ones, or, when keyframes are
    /// many more than the moments, one keyframe-only input per moment, batched into one ffmpeg per core.
    /// </summary>
    NearestKeyframes,

    /// <summary>The keyframes mode: one decode that skips every frame but keyframes (-skip_frame nokey).</summary>
    KeyframesOnlyDecode,

    /// <summary>The scene mode: every frame decoded through the scene-change select filter.</summary>
    SceneFilterDecode,
}

/// <summary>The moments to extract (when known in advance), the window, the cap, and the cheapest way there.</summary>
public sealed record FramePlan(ExtractionStrategy Strategy, IReadOnlyList<double> Timestamps, double Start, double End, int MaxFrames);

/// <summary>Turns options and what the probe found into a plan; every rejection names what to change.</summary>
public static class FramePlanner
{
    public static FramePlan Plan(ExtractionOptions options, MediaInfo media, VideoWorkerOptions limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(limits);
        var start = options.Start ?? 0;
        var end = Math.Min(options.End ?? media.DurationSeconds, media.DurationSeconds);
        if (start >= media.DurationSeconds)
        {
            throw new VideoRejectedException(Invariant($"The start ({start:0.###} s) is after the end of the video ({media.DurationSeconds:0.###} s)."));
        }

        var maxFrames = Math.Min(options.MaxFrames ?? limits.MaxFrames, limits.MaxFrames);
        var strategy = StrategyFor(options, limits);
        switch (options.Mode)
        {
            case ExtractionOptions.KeyframesMode:
            case ExtractionOptions.SceneMode:
                return new FramePlan(strategy, [], start, end, maxFrames);
            case ExtractionOptions.CountMode:
                var count = options.Count ?? 1;
                Cap(count, maxFrames, "count asks for");
                var span = end - start;
                return new FramePlan(strategy, [.. Enumerable.Range(0, count).Select(i => start + ((i + 0.5) * span / count))], start, end, maxFrames);
            case ExtractionOptions.TimestampsMode:
                var moments = options.Timestamps ?? [];
                var outside = moments.Where(t => t < start || t > end).ToList();
                if (outside.Count > 0)
                {
                    throw new VideoRejectedException(Invariant(
                        $"These timestamps are outside the video ({start:0.###} s to {end:0.###} s): {string.Join(", ", outside.Take(5).Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)))}."));
                }

                Cap(moments.Count, maxFrames, "timestamps ask for");
                return new FramePlan(strategy, [.. moments], start, end, maxFrames);
            default:
                var interval = options.IntervalSeconds;
                var total = ExpectedFrames(end - start, interval);
                if (total > maxFrames)
                {
                    throw new VideoRejectedException(Invariant(
                        $"Every {interval} s this video gives {total} frames, more than the limit of {maxFrames}. Choose a longer interval, a shorter part (start/end) or a higher maxFrames."));
                }

                var timestamps = Enumerable.Range(0, total).Select(i => start + (i * interval)).ToList();
                return new FramePlan(strategy, timestamps, start, end, maxFrames);
        }
    }

    /// <summary>The strategy follows from the options alone, so what it needs (the keyframe index) can be read while the file is probed.</summary>
    public static ExtractionStrategy StrategyFor(ExtractionOptions options, VideoWorkerOptions limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        var seek = options.Precision == ExtractionOptions.FastPrecision ? ExtractionStrategy.NearestKeyframes : ExtractionStrategy.InputSeekPerMoment;
        return options.Mode switch
        {
            ExtractionOptions.KeyframesMode => ExtractionStrategy.KeyframesOnlyDecode,
            ExtractionOptions.SceneMode => ExtractionStrategy.SceneFilterDecode,
            ExtractionOptions.CountMode or ExtractionOptions.TimestampsMode => seek,
            _ => seek == ExtractionStrategy.InputSeekPerMoment && options.IntervalSeconds < limits.DenseIntervalSeconds ? ExtractionStrategy.FpsFilterDecode : seek,
        };
    }

    /// <summary>Whether the strategy plans from the keyframe index (the packets' keyframe flags).</summary>
    public static bool ReadsKeyframes(ExtractionStrategy strategy) => strategy is ExtractionStrategy.NearestKeyframes or ExtractionStrategy.InputSeekPerMoment;

    /// <summary>Frames an interval gives over a span: one at the start, then one per whole interval that fits.</summary>
    public static int ExpectedFrames(double spanSeconds, double intervalSeconds) =>
        Math.Max(1, (int)Math.Ceiling((spanSeconds / intervalSeconds) - 1e-6));

    private static void Cap(int requested, int maxFrames, string what)
    {
        if (requested > maxFrames)
        {
            throw new VideoRejectedException(Invariant($"The {what} {requested} frames, more than the limit of {maxFrames}."));
        }
    }
}
