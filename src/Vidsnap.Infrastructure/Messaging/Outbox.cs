using Vidsnap.Contracts;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Telemetry;

namespace Vidsnap.Infrastructure.Messaging;

public static class Outbox
{
    /// <summary>Adds the message to the outbox: it is saved, and later published, only with the rest of the change.</summary>
    public static void Enqueue<TMessage>(this VidsnapDbContext db, TMessage message, DateTimeOffset now)
        where TMessage : IQueueMessage
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Outbox.Add(new OutboxMessage
        {
            Queue = QueueAttribute.NameOf<TMessage>(),
            Body = MessageJson.Serialize(message),
            CreatedAt = now,
            TraceParent = MessageTracing.CurrentTraceParent(),
        });
    }
}

/// <summary>Wakes the relay when this process has just committed outbox messages.</summary>
public sealed class OutboxSignal : WakeSignal;
