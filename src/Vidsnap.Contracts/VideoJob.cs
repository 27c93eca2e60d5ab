namespace Vidsnap.Contracts;

/// <summary>Asks the video worker to extract frames from an uploaded video. Attempt grows with each re-queue.</summary>
[Queue(QueueNames.VideoJobs)]
public sealed record VideoJob(
    Guid MessageId,
    Guid VideoId,
    Guid UserId,
    int Attempt,
    string SourceKey,
    string OutputKey,
    ExtractionOptions Options) : IQueueMessage;
