using Vidsnap.Contracts;

namespace Vidsnap.Domain.Videos;

/// <summary>
/// Where one segment of a split video's current attempt stands: its progress (0 to 99 while it runs, 100 once
/// done) and, once done, the frames it stored and their bytes. Stored on the video as JSON, so the join's
/// readiness and a stalled video's pending segments are known without reading the store.
/// </summary>
public sealed record SegmentState(VideoSegment Segment, int Progress, bool Done, int? FrameCount, long? OutputBytes)
{
    /// <summary>The video's progress from its segments': the segments bring it to 90, the join the rest.</summary>
    internal static int Overall(IReadOnlyList<SegmentState> segments) =>
        segments.Count == 0 ? 0 : segments.Sum(s => s.Done ? 100 : s.Progress) * 90 / (100 * segments.Count);
}
