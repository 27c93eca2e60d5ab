using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vidsnap.Infrastructure.Telemetry;

/// <summary>
/// The one activity source and meter of Vidsnap's own spans and metrics; OpenTelemetry listens to both by
/// <see cref="Name"/>. Static because instruments are meant to live as long as the process.
/// </summary>
public static class VidsnapTelemetry
{
    public const string Name = "Vidsnap";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Videos = Meter.CreateCounter<long>(
        "vidsnap.videos", "{video}", "Videos the video worker finished, by outcome (completed, failed).");

    private static readonly Histogram<double> ProcessingTime = Meter.CreateHistogram<double>(
        "vidsnap.video.processing.duration", "s", "Wall-clock time of one video job, from receive to the zip stored.");

    private static readonly Histogram<double> FramesPerSecond = Meter.CreateHistogram<double>(
        "vidsnap.video.extraction.rate", "{frame}/s", "Frames written per second of processing time, per completed video.");

    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>(
        "vidsnap.queue.age", "s", "Time from a message's enqueue to its receive.");

    private static readonly Counter<long> ToolFailures = Meter.CreateCounter<long>(
        "vidsnap.ffmpeg.failures", "{run}", "ffmpeg or ffprobe runs that exited non-zero or were stopped for stalling.");

    public static void VideoFinished(string outcome, TimeSpan elapsed, int frames)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        Videos.Add(1, tag);
        ProcessingTime.Record(elapsed.TotalSeconds, tag);
        if (frames > 0 && elapsed > TimeSpan.Zero)
        {
            FramesPerSecond.Record(frames / elapsed.TotalSeconds);
        }
    }

    /// <summary>The wall clock on purpose: the enqueue time was stamped by the queue's clock, not a test's fake one.</summary>
    public static void MessageReceived(string queue, DateTimeOffset? enqueuedAt)
    {
        if (enqueuedAt is { } at)
        {
            QueueAge.Record(Math.Max(0, (TimeProvider.System.GetUtcNow() - at).TotalSeconds), new KeyValuePair<string, object?>("queue", queue));
        }
    }

    public static void ToolFailed(string tool, string reason) =>
        ToolFailures.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("reason", reason));
}
