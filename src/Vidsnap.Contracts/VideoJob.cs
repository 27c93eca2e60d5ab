namespace Vidsnap.Contracts;

/// <summary>
/// Asks the video worker to extract frames from an uploaded video. Attempt grows with each re-queue.
/// SizeBytes is the size the api checked the upload has; the worker refuses a source of any other size.
/// A split video's segments and its join are jobs too, on the same queue (<see cref="Stage"/>): any worker takes
/// any of them, and the queue's depth counts them all.
/// </summary>
[Queue(QueueNames.VideoJobs)]
public sealed record VideoJob(
    Guid MessageId,
    Guid VideoId,
    Guid UserId,
    int Attempt,
    string SourceKey,
    string OutputKey,
    ExtractionOptions Options,
    long? SizeBytes = null,
    VideoJobStage Stage = VideoJobStage.Whole,
    VideoSegment? Segment = null,
    int SegmentCount = 0) : IQueueMessage;
