using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Storage;
using Vidsnap.VideoWorker.Outputs;
using Vidsnap.VideoWorker.Sources;

namespace Vidsnap.VideoWorker.Segments;

/// <summary>
/// One segment of a split video, read in place through the worker's ranged reader: the plan is made again from
/// the probe (the same plan the split was cut from), the segment's moments are extracted by the plan's own
/// strategy, and its frames are stored under their final names, then its record. A segment delivered again
/// after its record is stored reports that record and decodes nothing; one delivered before writes the same keys.
/// </summary>
public sealed class SegmentExtraction(
    StoredSources sources, FrameExtractor extractor, ExtrasBuilder extras, OutputStore outputs, IObjectStore store, IOptions<VideoWorkerOptions> options,
    ILogger<SegmentExtraction> logger)
{
    public async Task<StageOutcome> RunAsync(VideoJob job, long sourceBytes, string workDirectory, JobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        var segment = job.Segment ?? throw new InvalidOperationException("A segment job carries no segment.");
        if (await SegmentRecord.ReadAsync(store, job, segment.Index, cancellationToken) is { } done)
        {
            // A redelivery, or a segment asked for again by the stalled-video sweep after it had stored: its record
            // names frames that are there, so reporting it again costs a read instead of a decode.
            logger.LogInformation("Video {VideoId} segment {Segment} of {Count} is already stored ({Frames} frames); reporting it again",
                job.VideoId, segment.Index, job.SegmentCount, done.Frames.Count);
            VideoWorkerMetrics.SegmentStored(alreadyStored: true);
            return new StageOutcome.SegmentStored(segment.Index, done.Frames.Count, done.StoredBytes);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var source = await sources.OpenAsync(job.SourceKey, sourceBytes, cancellationToken);
        var media = await source.ProbeAsync(cancellationToken);
        var plan = FramePlanner.Plan(job.Options, media, options.Value);
        var part = SegmentPlanner.SubPlan(plan, segment);
        // The planner read the whole index for a plan that seeks by it and gave each segment its share; a segment
        // without one (planned before it was carried) scans its own window.
        var keyframes = !FramePlanner.ReadsKeyframes(plan.Strategy) ? null
            : segment.Keyframes is { } known ? Task.FromResult<List<double>>([.. known.Select(k => k + media.StartTime)])
            : extractor.ReadKeyframesAsync(source.Url, cancellationToken, SegmentPlanner.KeyframeIntervals(segment, media.StartTime));
        var extracted = await extractor.ExtractAsync(source.Url, media, job.Options, part, Path.Combine(workDirectory, "frames"), progress.Extracting, keyframes, cancellationToken);
        extracted = await extras.WithThumbnailsAsync(extracted, Path.Combine(workDirectory, "thumbnails"), cancellationToken);
        var frames = Renumbered(extracted, segment.FirstFrame);
        var extractedAt = clock.Elapsed;

        var total = (2 * frames.Count) + 1;
        var stored = 0;
        var bytes = await outputs.StoreFramesAsync(job, frames, n => progress.Storing(Interlocked.Add(ref stored, n), total), cancellationToken);
        var record = new SegmentRecord(segment.Index, [.. frames.Select(f =>
            new SegmentFrame(f.Index, f.TimestampSeconds, f.EntryName, new FileInfo(f.Path).Length, new FileInfo(f.ThumbnailPath!).Length))]);
        var recordPath = Path.Combine(workDirectory, "segment.json");
        await File.WriteAllTextAsync(recordPath, JsonSerializer.Serialize(record, MessageJson.Options), cancellationToken);
        await store.UploadFileAsync(ObjectKeys.SegmentRecord(job.UserId, job.VideoId, job.Attempt, segment.Index), recordPath, "application/json", cancellationToken);
        logger.LogInformation(
            "Video {VideoId} segment {Segment} of {Count} ({Start:0.###} s to {End:0.###} s): {Frames} frames, read {Read} of the source's {Size} bytes; probed and extracted in {Extracted:0.0} s, stored in {Stored:0.0} s",
            job.VideoId, segment.Index, job.SegmentCount, segment.Start, segment.End, frames.Count, source.BytesRead, source.Size,
            extractedAt.TotalSeconds, (clock.Elapsed - extractedAt).TotalSeconds);
        VideoWorkerMetrics.SegmentStored(alreadyStored: false);
        return new StageOutcome.SegmentStored(segment.Index, frames.Count, bytes);
    }

    /// <summary>The segment's frames numbered in the whole plan, named (on disk too) as the zip will name them.</summary>
    private static List<ExtractedFrame> Renumbered(IReadOnlyList<ExtractedFrame> frames, int firstFrame) =>
    [
        .. frames.Select(f =>
        {
            var moved = f with { Index = firstFrame + f.Index };
            var path = Path.Combine(Path.GetDirectoryName(f.Path)!, moved.EntryName);
            File.Move(f.Path, path, overwrite: true);
            return moved with { Path = path };
        }),
    ];
}
