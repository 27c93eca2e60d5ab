namespace Vidsnap.Client.Models;

/// <summary>The states a video walks through, named as the API names them.</summary>
public enum VideoStatus
{
    AwaitingUpload,
    Queued,
    Processing,
    Completed,
    Failed,
}

public static class VideoStatusExtensions
{
    /// <summary>Completed or Failed: nothing more happens without the owner asking.</summary>
    public static bool IsFinal(this VideoStatus status) => status is VideoStatus.Completed or VideoStatus.Failed;
}
