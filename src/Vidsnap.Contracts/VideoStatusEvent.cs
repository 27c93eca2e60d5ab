namespace Vidsnap.Contracts;

public enum VideoEventKind
{
    Processing,
    Progress,
    Completed,
    Failed,

    /// <summary>The video's work is planned into <see cref="VideoStatusEvent.Segments"/>, each to be a job of its own.</summary>
    Split,

    /// <summary>Segment <see cref="VideoStatusEvent.Segment"/> stored its frames (FrameCount of them, OutputBytes in all).</summary>
    SegmentCompleted,
}

/// <summary>
/// What the video worker observed; the status worker decides whether it changes anything. A Progress event with a
/// Segment is that segment's own progress (0 to 99); the video's is the segments' together.
/// </summary>
[Queue(QueueNames.StatusEvents)]
public sealed record VideoStatusEvent(
    Guid MessageId,
    Guid VideoId,
    int Attempt,
    VideoEventKind Kind,
    DateTimeOffset OccurredAt,
    int? Progress = null,
    int? FrameCount = null,
    string? Error = null,
    long? OutputBytes = null,
    int? Segment = null,
    IReadOnlyList<VideoSegment>? Segments = null) : IQueueMessage;
