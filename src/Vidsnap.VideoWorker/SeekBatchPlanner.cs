namespace Vidsnap.VideoWorker;

/// <summary>A moment to take: its place in the plan and its time in the video.</summary>
public sealed record Moment(int Index, double Time);

/// <summary>
/// Moments that share a GOP (the same keyframe before them): one input seeks to the first and decodes on to the
/// last, so the frames from the keyframe are decoded once. Its cost is those frames.
/// </summary>
public sealed record GopGroup(double Keyframe, IReadOnlyList<Moment> Moments, double Cost)
{
    public double First => Moments[0].Time;

    public double Last => Moments[^1].Time;
}

/// <summary>The groups one ffmpeg process decodes, each as an input of its own.</summary>
public sealed record SeekBatch(IReadOnlyList<GopGroup> Groups)
{
    public double Cost => Groups.Sum(g => g.Cost);
}

/// <summary>
/// Costs each moment from the keyframe index (on a keyframe: one frame; otherwise the frames from its keyframe),
/// groups moments by GOP, and packs the groups into one process per core, heaviest first onto the lightest
/// (longest-processing-time first), so the processes end together. Each process starts once, which is most of the
/// cost of a sparse moment on this machine (about 0.15 s before ffmpeg reads a byte).
/// </summary>
public static class SeekBatchPlanner
{
    public static IReadOnlyList<SeekBatch> Plan(IReadOnlyList<Moment> moments, IReadOnlyList<double> keyframes, double frameRate, int processes, int maxInputsPerProcess)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(keyframes);
        var rate = frameRate > 0 ? frameRate : 25;
        var groups = moments.OrderBy(m => m.Time)
            .GroupBy(m => KeyframeBefore(keyframes, m.Time))
            .Select(g =>
            {
                var inGop = g.ToList();
                return new GopGroup(g.Key, inGop, Math.Max(0, inGop[^1].Time - g.Key) * rate + inGop.Count);
            })
            .ToList();

        // No more processes than groups, and enough that none takes more inputs than allowed.
        var count = Math.Max(Math.Min(Math.Max(processes, 1), groups.Count), (groups.Count + maxInputsPerProcess - 1) / Math.Max(maxInputsPerProcess, 1));
        var bins = Enumerable.Range(0, count).Select(_ => new List<GopGroup>()).ToList();
        var loads = new double[count];
        foreach (var group in groups.OrderByDescending(g => g.Cost).ThenBy(g => g.First))
        {
            var lightest = Enumerable.Range(0, count).Where(b => bins[b].Count < maxInputsPerProcess).MinBy(b => loads[b]);
            bins[lightest].Add(group);
            loads[lightest] += group.Cost;
        }

        return [.. bins.Where(b => b.Count > 0).Select(b => new SeekBatch([.. b.OrderBy(g => g.First)]))];
    }

    /// <summary>The keyframe at or before the time (the video's start when the index has none before it).</summary>
    public static double KeyframeBefore(IReadOnlyList<double> keyframes, double time)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        double found = 0;
        foreach (var keyframe in keyframes)
        {
            if (keyframe > time + 1e-6)
            {
                break;
            }

            found = keyframe;
        }

        return found;
    }
}
