namespace Vidsnap.Domain.Videos;

/// <summary>What recovering a stalled video asked for again.</summary>
public enum Recovery
{
    None,
    JobAskedAgain,
    NotificationAskedAgain,
}
