using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker.Segments;

/// <summary>
/// Cuts a plan whose decode work is large into segments that start on keyframes, each a job of its own: the
/// plan's moments are known before anything is decoded, so a segment is a run of them, and the same plan made
/// again from the same source and options (as each segment's worker does) gives the same moments.
/// </summary>
public static class SegmentPlanner
{
    /// <summary>A sparse moment decodes about this much video (from its keyframe): what a seek plan's work is counted in.</summary>
    public const double SecondsPerSeek = 1;

    /// <summary>How far from a cut's target its keyframe may be; further, the cut stays on the target.</summary>
    public const double KeyframeSearchSeconds = 30;

    /// <summary>
    /// Plans with their moments known in advance split; the keyframes and scene modes do not, since what they take
    /// depends on the decode itself (a scene change is judged against the frame before it).
    /// </summary>
    public static bool CanSplit(FramePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Strategy is ExtractionStrategy.FpsFilterDecode or ExtractionStrategy.InputSeekPerMoment or ExtractionStrategy.NearestKeyframes
            && plan.Timestamps.Count >= 2;
    }

    /// <summary>Seconds of video the plan decodes: its whole window for a dense decode, about a second per moment for seeks.</summary>
    public static double DecodeSeconds(FramePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var window = Math.Max(0, plan.End - plan.Start);
        return plan.Strategy == ExtractionStrategy.FpsFilterDecode ? window : Math.Min(window, plan.Timestamps.Count * SecondsPerSeek);
    }

    /// <summary>How many segments the plan is cut into: 1 (not split) unless its decode work is above the setting.</summary>
    public static int SegmentCount(FramePlan plan, VideoWorkerOptions settings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var work = DecodeSeconds(plan);
        if (settings.SplitAboveSeconds <= 0 || !CanSplit(plan) || work <= settings.SplitAboveSeconds)
        {
            return 1;
        }

        var wanted = (int)Math.Ceiling(work / settings.SegmentSeconds);
        return Math.Clamp(wanted, 2, Math.Min(settings.MaxSegments, plan.Timestamps.Count));
    }

    /// <summary>Where the cuts would fall with equal shares of the window (seconds of the video): count - 1 of them.</summary>
    public static IReadOnlyList<double> CutTargets(FramePlan plan, int count)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var span = plan.End - plan.Start;
        return [.. Enumerable.Range(1, Math.Max(0, count - 1)).Select(j => plan.Start + (j * span / count))];
    }

    /// <summary>
    /// Each cut moves to the keyframe nearest its target (within <see cref="KeyframeSearchSeconds"/>; the target
    /// itself where none is known), and a segment holds the plan's moments from its cut to the next: a moment's frame
    /// is then decoded from a keyframe inside its own segment. Empty segments are dropped; the rest are numbered from 0.
    /// </summary>
    /// <param name="keyframes">
    /// Keyframe times in seconds of the video (without its start offset), in any order: near the targets is enough for
    /// a plan that does not seek by the index; one that does gets each segment's share of it (the whole index is given then).
    /// </param>
    public static IReadOnlyList<VideoSegment> Plan(FramePlan plan, IReadOnlyList<double> targets, IReadOnlyList<double> keyframes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(keyframes);
        var times = plan.Timestamps;
        var cuts = new List<double>();
        foreach (var target in targets.Order())
        {
            var near = keyframes.Where(k => Math.Abs(k - target) <= KeyframeSearchSeconds).ToList();
            var cut = near.Count > 0 ? near.MinBy(k => Math.Abs(k - target)) : target;
            if (cut > plan.Start && (cuts.Count == 0 || cut > cuts[^1]))
            {
                cuts.Add(cut);
            }
        }

        // Segment j holds moments [firsts[j], firsts[j + 1]); moments are in time order in every plan that splits.
        var firsts = new List<int> { 0 };
        var starts = new List<double> { plan.Start };
        foreach (var cut in cuts)
        {
            var first = FirstAtOrAfter(times, cut);
            if (first > firsts[^1] && first < times.Count)
            {
                firsts.Add(first);
                starts.Add(cut);
            }
        }

        firsts.Add(times.Count);
        var index = FramePlanner.ReadsKeyframes(plan.Strategy) ? keyframes.Order().ToList() : null;
        return [.. Enumerable.Range(0, starts.Count).Select(j =>
        {
            var end = j + 1 < starts.Count ? times[firsts[j + 1]] : plan.End;
            IReadOnlyList<double>? own = index is null ? null : KeyframesOf(index, starts[j], end);
            return new VideoSegment(j, firsts[j], firsts[j + 1] - firsts[j], starts[j], end, own);
        })];
    }

    /// <summary>
    /// The part of the whole plan one segment runs: its moments, from its first moment to where the next
    /// segment's begin. Refused when the segment does not fit the plan (a plan made differently from the one split).
    /// </summary>
    public static FramePlan SubPlan(FramePlan plan, VideoSegment segment)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.FirstFrame < 0 || segment.FrameCount < 1 || segment.FirstFrame + segment.FrameCount > plan.Timestamps.Count)
        {
            throw new InvalidOperationException(Invariant(
                $"Segment {segment.Index} asks for moments {segment.FirstFrame} to {segment.FirstFrame + segment.FrameCount - 1}, but the plan has {plan.Timestamps.Count}."));
        }

        var moments = plan.Timestamps.Skip(segment.FirstFrame).Take(segment.FrameCount).ToList();
        return plan with { Timestamps = moments, Start = moments[0], End = Math.Max(segment.End, moments[^1]) };
    }

    /// <summary>
    /// ffprobe's -read_intervals for the keyframe at or before each target (times on the container's clock): a seek
    /// to the target lands on it, and one packet is read there, so finding the cuts reads a few hundred kilobytes.
    /// </summary>
    public static string KeyframeIntervals(IEnumerable<double> targets, double startTime) =>
        string.Join(',', targets.Select(t => Invariant($"{t + startTime:0.######}%+#1")));

    /// <summary>ffprobe's -read_intervals for one segment's keyframes: its window (ffprobe starts at the keyframe at or before it).</summary>
    public static string KeyframeIntervals(VideoSegment segment, double startTime)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Invariant($"{segment.Start + startTime:0.######}%{segment.End + startTime + 1:0.######}");
    }

    /// <summary>The keyframes a segment's moments can need: from the one at or before its start to its end.</summary>
    private static List<double> KeyframesOf(List<double> index, double start, double end)
    {
        var from = SeekBatchPlanner.KeyframeBefore(index, start);
        return [.. index.Where(k => k >= from - 1e-9 && k <= end + 1e-9)];
    }

    private static int FirstAtOrAfter(IReadOnlyList<double> times, double at)
    {
        var i = 0;
        while (i < times.Count && times[i] < at - 1e-6)
        {
            i++;
        }

        return i;
    }
}
