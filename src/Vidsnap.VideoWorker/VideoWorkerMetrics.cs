using System.Diagnostics.Metrics;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.VideoWorker;

/// <summary>The video worker's instruments, on Vidsnap's one meter.</summary>
internal static class VideoWorkerMetrics
{
    private static readonly Counter<long> Videos = VidsnapTelemetry.Meter.CreateCounter<long>(
        "vidsnap.videos", "{video}", "Videos the video worker finished, by outcome (completed, failed).");

    private static readonly Histogram<double> ProcessingTime = VidsnapTelemetry.Meter.CreateHistogram<double>(
        "vidsnap.video.processing.duration", "s", "Wall-clock time of one video job, from receive to the zip stored.");

    private static readonly Histogram<double> FramesPerSecond = VidsnapTelemetry.Meter.CreateHistogram<double>(
        "vidsnap.video.extraction.rate", "{frame}/s", "Frames written per second of processing time, per completed video.");

    private static readonly Counter<long> ToolFailures = VidsnapTelemetry.Meter.CreateCounter<long>(
        "vidsnap.ffmpeg.failures", "{run}", "ffmpeg or ffprobe runs that exited non-zero or were stopped for stalling.");

    private static readonly Counter<long> SourceBytes = VidsnapTelemetry.Meter.CreateCounter<long>(
        "vidsnap.source.read", "By", "Bytes of stored sources ffmpeg read in place through the worker's ranged reader (segments and joins).");

    private static readonly Counter<long> Segments = VidsnapTelemetry.Meter.CreateCounter<long>(
        "vidsnap.segments", "{segment}", "Segments of split videos the video worker handled: decoded and stored, or found already stored and reported again.");

    public static void SourceRead(long bytes) => SourceBytes.Add(bytes);

    public static void SegmentStored(bool alreadyStored) =>
        Segments.Add(1, new KeyValuePair<string, object?>("outcome", alreadyStored ? "already_stored" : "decoded"));

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

    public static void ToolFailed(string tool, string reason) =>
        ToolFailures.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("reason", reason));
}
