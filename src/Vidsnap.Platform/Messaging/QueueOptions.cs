using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Messaging;

public sealed class QueueOptions : IOptionsSection
{
    public const string Section = "Queues";

    static string IOptionsSection.Section => Section;

    /// <summary>Receives after which a message goes to the dead-letter queue (SQS's maxReceiveCount).</summary>
    [Range(1, 1_000)]
    public int MaxReceiveCount { get; set; } = 5;

    [Range(0, 20)]
    public int WaitSeconds { get; set; } = 20;

    /// <summary>How often the embedded queue looks for messages sent by another process.</summary>
    [Range(10, 60_000)]
    public int EmbeddedPollMilliseconds { get; set; } = 250;
}
