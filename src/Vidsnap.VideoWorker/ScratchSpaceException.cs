namespace Vidsnap.VideoWorker;

/// <summary>This worker has too little free scratch space for the job: the job goes back to the queue for a worker that has room.</summary>
public sealed class ScratchSpaceException : Exception
{
    public ScratchSpaceException()
    {
    }

    public ScratchSpaceException(string message)
        : base(message)
    {
    }

    public ScratchSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
