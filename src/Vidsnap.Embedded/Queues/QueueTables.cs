using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidsnap.Embedded.Queues;

/// <summary>The embedded queue's messages. Times are Unix milliseconds so one SQL statement can lease.</summary>
public sealed class QueueMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public long VisibleAtMs { get; set; }

    public int ReceiveCount { get; set; }

    public string? LeaseId { get; set; }

    public long EnqueuedAtMs { get; set; }

    /// <summary>W3C traceparent of the sender: the embedded queue's counterpart of an SQS message attribute.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>A message received MaxReceiveCount times without success, kept to be looked into, as in an SQS dead-letter queue.</summary>
public sealed class DeadLetterMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public int ReceiveCount { get; set; }

    public long EnqueuedAtMs { get; set; }

    public long DeadAtMs { get; set; }
}

internal sealed class QueueMessageConfiguration : IEntityTypeConfiguration<QueueMessage>
{
    public void Configure(EntityTypeBuilder<QueueMessage> message)
    {
        message.ToTable("QueueMessages");
        message.HasKey(m => m.Id);
        message.HasIndex(m => new { m.Queue, m.VisibleAtMs });
    }
}

internal sealed class DeadLetterMessageConfiguration : IEntityTypeConfiguration<DeadLetterMessage>
{
    public void Configure(EntityTypeBuilder<DeadLetterMessage> message)
    {
        message.ToTable("DeadLetters");
        message.HasKey(m => m.Id);
    }
}
