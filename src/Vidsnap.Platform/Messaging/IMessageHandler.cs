using Vidsnap.Contracts;

namespace Vidsnap.Platform.Messaging;

/// <summary>What the handler may want to know about the delivery: how often it came, and whether this is the last try.</summary>
public sealed record DeliveryContext(int ReceiveCount, int MaxReceiveCount)
{
    public bool IsLastAttempt => ReceiveCount >= MaxReceiveCount;
}

/// <summary>One handler per message type. It must be idempotent: every queue delivers at least once.</summary>
public interface IMessageHandler<in TMessage>
    where TMessage : IQueueMessage
{
    Task HandleAsync(TMessage message, DeliveryContext delivery, CancellationToken cancellationToken);
}
