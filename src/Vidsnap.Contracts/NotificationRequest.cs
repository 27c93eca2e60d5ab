namespace Vidsnap.Contracts;

/// <summary>
/// Asks the notifier to tell the owner about a terminal outcome, once per (video, attempt, outcome). The owner's id
/// finds the poster for the email; a request queued before it was carried has none and gets an email without it.
/// </summary>
[Queue(QueueNames.Notifications)]
public sealed record NotificationRequest(
    Guid MessageId,
    Guid VideoId,
    int Attempt,
    VideoStatus Outcome,
    string Email,
    string FileName,
    int? FrameCount,
    string? Error,
    Guid? OwnerId = null) : IQueueMessage
{
    public string DeduplicationKey => KeyFor(VideoId, Attempt, Outcome);

    /// <summary>The one email a (video, attempt, outcome) gets is known by this key.</summary>
    public static string KeyFor(Guid videoId, int attempt, VideoStatus outcome) => $"{videoId:N}-{attempt}-{outcome}";
}
