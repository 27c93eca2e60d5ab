namespace Vidsnap.VideoWorker;

/// <summary>What ffmpeg or ffprobe printed when it failed: for the log, never for the video's owner.</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException(string toolOutput)
        : base(toolOutput.Length > 2000 ? toolOutput[^2000..] : toolOutput)
    {
    }

    public ToolFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToolFailedException()
    {
    }
}
