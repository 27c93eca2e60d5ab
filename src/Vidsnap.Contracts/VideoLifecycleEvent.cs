namespace Vidsnap.Contracts;

/// <summary>The events a video's transitions publish to systems (webhooks), in the Standard Webhooks "type" form.</summary>
public static class VideoEventTypes
{
    public const string Queued = "video.queued";
    public const string Completed = "video.completed";
    public const string Failed = "video.failed";
    public const string Deleted = "video.deleted";

    public static IReadOnlyList<string> All { get; } = [Queued, Completed, Failed, Deleted];
}

/// <summary>
/// Something happened to a video that subscribed systems hear of: its type, when, and the video as it was then
/// (for video.deleted, as it was before it went). The notifier turns each into one delivery per subscribed endpoint.
/// </summary>
[Queue(QueueNames.VideoEvents)]
public sealed record VideoLifecycleEvent(
    Guid MessageId,
    Guid VideoId,
    Guid UserId,
    string Type,
    DateTimeOffset OccurredAt,
    VideoResource Video) : IQueueMessage;
