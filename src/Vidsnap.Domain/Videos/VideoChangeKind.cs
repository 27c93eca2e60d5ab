namespace Vidsnap.Domain.Videos;

/// <summary>Which transition a <see cref="VideoChange"/> records.</summary>
public enum VideoChangeKind
{
    Created,
    Queued,
    Processing,
    Progress,
    Completed,
    Failed,
    Deleted,
}
