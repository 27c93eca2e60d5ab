namespace Vidsnap.Infrastructure.Messaging;

public sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>Receives after which a message goes to the dead-letter queue (SQS's maxReceiveCount).</summary>
    public int MaxReceiveCount { get; set; } = 5;

    public int WaitSeconds { get; set; } = 20;

    /// <summary>How often the embedded queue looks for messages sent by another process.</summary>
    public int EmbeddedPollMilliseconds { get; set; } = 250;
}
