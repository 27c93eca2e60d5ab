using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker.Segments;

/// <summary>How a job's stage ended, which is what the worker reports.</summary>
public abstract record StageOutcome
{
    /// <summary>The video is done: the zip and everything beside it are stored.</summary>
    public sealed record Completed(int FrameCount, long OutputBytes) : StageOutcome;

    /// <summary>The whole video was planned into segments, each to be a job of its own.</summary>
    public sealed record Split(IReadOnlyList<VideoSegment> Segments) : StageOutcome;

    /// <summary>One segment's frames and record are stored.</summary>
    public sealed record SegmentStored(int Segment, int FrameCount, long OutputBytes) : StageOutcome;
}
