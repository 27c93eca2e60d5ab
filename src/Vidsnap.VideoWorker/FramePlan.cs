using System.Globalization;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

public enum ExtractionStrategy
{
    /// <summary>One decoding pass with the fps filter: dense sampling.</summary>
    SinglePass,

    /// <summary>One input seek per moment (-ss before -i), several in parallel: sparse sampling.</summary>
    Seek,

    /// <summary>Only keyframes are decoded.</summary>
    Keyframes,

    /// <summary>Every frame is decoded and compared with the previous one.</summary>
    Scene,
}

/// <summary>The moments to extract (when known in advance), the window, the cap, and the cheapest way there.</summary>
public sealed record FramePlan(ExtractionStrategy Strategy, IReadOnlyList<double> Timestamps, double Start, double End, int MaxFrames, bool Fast);

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
        var fast = options.Precision == ExtractionOptions.FastPrecision;
        switch (options.Mode)
        {
            case ExtractionOptions.KeyframesMode:
                return new FramePlan(ExtractionStrategy.Keyframes, [], start, end, maxFrames, fast);
            case ExtractionOptions.SceneMode:
                return new FramePlan(ExtractionStrategy.Scene, [], start, end, maxFrames, fast);
            case ExtractionOptions.CountMode:
                var count = options.Count ?? 1;
                Cap(count, maxFrames, "count asks for");
                var span = end - start;
                return new FramePlan(ExtractionStrategy.Seek, [.. Enumerable.Range(0, count).Select(i => start + ((i + 0.5) * span / count))], start, end, maxFrames, fast);
            case ExtractionOptions.TimestampsMode:
                var moments = options.Timestamps ?? [];
                var outside = moments.Where(t => t < start || t > end).ToList();
                if (outside.Count > 0)
                {
                    throw new VideoRejectedException(Invariant(
                        $"These timestamps are outside the video ({start:0.###} s to {end:0.###} s): {string.Join(", ", outside.Take(5).Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)))}."));
                }

                Cap(moments.Count, maxFrames, "timestamps ask for");
                return new FramePlan(ExtractionStrategy.Seek, [.. moments], start, end, maxFrames, fast);
            default:
                var interval = options.IntervalSeconds;
                var total = ExpectedFrames(end - start, interval);
                if (total > maxFrames)
                {
                    throw new VideoRejectedException(Invariant(
                        $"Every {interval} s this video gives {total} frames, more than the limit of {maxFrames}. Choose a longer interval, a shorter part (start/end) or a higher maxFrames."));
                }

                var timestamps = Enumerable.Range(0, total).Select(i => start + (i * interval)).ToList();
                var dense = !fast && interval < limits.DenseIntervalSeconds;
                return new FramePlan(dense ? ExtractionStrategy.SinglePass : ExtractionStrategy.Seek, timestamps, start, end, maxFrames, fast);
        }
    }

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
