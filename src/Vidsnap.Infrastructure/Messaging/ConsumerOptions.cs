namespace Vidsnap.Infrastructure.Messaging;

/// <summary>How one role consumes its queue.</summary>
public sealed class ConsumerOptions
{
    public int Concurrency { get; set; } = 1;

    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>Base delay before a failed message is tried again; grows with each receive.</summary>
    public int RetryDelaySeconds { get; set; } = 2;
}
