namespace Vidsnap.Contracts;

/// <summary>
/// Asks the video worker to extract frames from an uploaded video. Attempt grows with each re-queue.
/// SizeBytes is the size the api checked the upload has; the worker refuses a source of any other size.
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
    long? SizeBytes = null) : IQueueMessage;
