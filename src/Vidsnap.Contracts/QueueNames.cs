namespace Vidsnap.Contracts;

public static class QueueNames
{
    public const string VideoJobs = "video-jobs";
    public const string StatusEvents = "status-events";
    public const string Notifications = "notifications";
    public const string VideoEvents = "video-events";

    public static IReadOnlyList<string> All { get; } = [VideoJobs, StatusEvents, Notifications, VideoEvents];
}
