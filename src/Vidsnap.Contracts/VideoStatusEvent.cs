namespace Vidsnap.Contracts;

public enum VideoEventKind
{
    Processing,
    Progress,
    Completed,
    Failed,
}

/// <summary>What the video worker observed; the status worker decides whether it changes anything.</summary>
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
    long? OutputBytes = null) : IQueueMessage;
