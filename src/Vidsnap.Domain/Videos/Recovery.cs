namespace Vidsnap.Domain.Videos;

/// <summary>What recovering a stalled video asked for again.</summary>
public enum Recovery
{
    None,
    JobAskedAgain,
    NotificationAskedAgain,

    /// <summary>Its job was asked for too often: the video is Failed with a reason.</summary>
    FailedAfterResends,
}
