using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vidsnap.Platform.Telemetry;

/// <summary>
/// The one activity source and meter of Vidsnap's own spans and metrics; OpenTelemetry listens to both by
/// <see cref="Name"/>, and each role adds its instruments to <see cref="Meter"/>. Static because instruments
/// are meant to live as long as the process.
/// </summary>
public static class VidsnapTelemetry
{
    public const string Name = "Vidsnap";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>(
        "vidsnap.queue.age", "s", "Time from a message's enqueue to its receive.");

    /// <summary>The wall clock on purpose: the enqueue time was stamped by the queue's clock, not a test's fake one.</summary>
    public static void MessageReceived(string queue, DateTimeOffset? enqueuedAt)
    {
        if (enqueuedAt is { } at)
        {
            QueueAge.Record(Math.Max(0, (TimeProvider.System.GetUtcNow() - at).TotalSeconds), new KeyValuePair<string, object?>("queue", queue));
        }
    }
}
