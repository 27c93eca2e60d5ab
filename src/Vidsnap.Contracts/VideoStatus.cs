namespace Vidsnap.Contracts;

/// <summary>The states of a video, in the order the state machine walks them.</summary>
public enum VideoStatus
{
    AwaitingUpload,
    Queued,
    Processing,
    Completed,
    Failed,
}
