using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidsnap.Contracts;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Platform.Messaging;

/// <summary>A message written in the same transaction as the change that causes it; the relay publishes it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>W3C traceparent of the change that wrote it, so the published message continues that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>Until when a relay holds it to send; null until one does. See <see cref="OutboxRelay"/>.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public static OutboxMessage For(IQueueMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OutboxMessage
        {
            Queue = QueueAttribute.NameOf(message.GetType()),
            Body = MessageJson.Serialize(message),
            CreatedAt = now,
            TraceParent = MessageTracing.CurrentTraceParent(),
        };
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("Outbox");
        message.HasKey(m => m.Id);
    }
}

/// <summary>Wakes the relay when this process has just committed outbox messages.</summary>
public sealed class OutboxSignal : WakeSignal;
