namespace Vidsnap.Contracts;

/// <summary>
/// Something whose changes cause messages, such as a video whose transition queues a job. The database saves
/// what it produced into the outbox in the same transaction as the change itself, so neither is ever saved alone.
/// </summary>
public interface IMessageProducer
{
    /// <summary>The messages produced since the last call; each is handed out once.</summary>
    IReadOnlyList<IQueueMessage> TakeMessages();
}
