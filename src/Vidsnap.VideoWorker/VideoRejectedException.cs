namespace Vidsnap.VideoWorker;

/// <summary>The video itself is the problem: retrying will not help, and the message is for the video's owner.</summary>
public sealed class VideoRejectedException : Exception
{
    public VideoRejectedException(string message)
        : base(message)
    {
    }

    public VideoRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VideoRejectedException()
    {
    }
}
