namespace Vidsnap.Contracts;

/// <summary>Every message carries its own id (for de-duplication and tracing) and the video it is about.</summary>
public interface IQueueMessage
{
    Guid MessageId { get; }

    Guid VideoId { get; }
}
