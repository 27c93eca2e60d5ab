namespace Vidsnap.Contracts;

/// <summary>Asks the notifier to tell the owner about a terminal outcome, once per (video, attempt, outcome).</summary>
[Queue(QueueNames.Notifications)]
public sealed record NotificationRequest(
    Guid MessageId,
    Guid VideoId,
    int Attempt,
    VideoStatus Outcome,
    string Email,
    string FileName,
    int? FrameCount,
    string? Error) : IQueueMessage
{
    public string DeduplicationKey => KeyFor(VideoId, Attempt, Outcome);

    /// <summary>The one email a (video, attempt, outcome) gets is known by this key.</summary>
    public static string KeyFor(Guid videoId, int attempt, VideoStatus outcome) => $"{videoId:N}-{attempt}-{outcome}";
}
