using System.ComponentModel.DataAnnotations;

namespace Vidsnap.Platform.Messaging;

/// <summary>How this process consumes one queue; each queue's from its own section, Consumers:&lt;queue&gt;.</summary>
public sealed class ConsumerOptions
{
    public const string SectionPrefix = "Consumers";

    [Range(1, 256)]
    public int Concurrency { get; set; } = 1;

    /// <summary>The lease a receive takes, extended while the handler works; also the queue's default when `vidsnap setup` creates it.</summary>
    [Range(3, 43_200)]
    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>Base delay before a failed message is tried again; grows with each receive.</summary>
    [Range(0, 3_600)]
    public int RetryDelaySeconds { get; set; } = 2;

    public static string SectionOf(string queue) => $"{SectionPrefix}:{queue}";
}
