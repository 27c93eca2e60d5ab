using Vidsnap.Contracts;

namespace Vidsnap.Platform.Messaging;

/// <summary>Sends a message straight to its queue, for producers with no database change to pair it with.</summary>
public sealed class MessagePublisher(IMessageQueue queue)
{
    public Task PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : IQueueMessage =>
        queue.SendAsync(QueueAttribute.NameOf<TMessage>(), MessageJson.Serialize(message), cancellationToken);
}
