using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Storage;
using Vidsnap.VideoWorker.Outputs;
using Vidsnap.VideoWorker.Sources;

namespace Vidsnap.VideoWorker.Segments;

/// <summary>
/// The last step of a split video: every segment's record read, their frames fetched in plan order, and the zip,
/// manifest, poster, storyboard and contact sheet made from them as an unsplit run makes them, under the same keys.
/// Two joiners of one video write the same objects; once one has cleaned the records up, another finds them gone
/// and stops without a word, since the video is complete.
/// </summary>
public sealed class SegmentJoin(
    IObjectStore store, StoredSources sources, VideoExtraction extraction, OutputStore outputs, IOptions<VideoWorkerOptions> options, ILogger<SegmentJoin> logger)
{
    /// <summary>Null when the records are gone: another joiner of the same attempt finished first.</summary>
    public async Task<StageOutcome?> RunAsync(VideoJob job, long sourceBytes, string workDirectory, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var records = new List<SegmentRecord>();
        for (var segment = 0; segment < job.SegmentCount; segment++)
        {
            var record = await SegmentRecord.ReadAsync(store, job, segment, cancellationToken);
            if (record is null)
            {
                logger.LogInformation("Video {VideoId} attempt {Attempt}: segment {Segment}'s record is gone, so another joiner finished; nothing to do", job.VideoId, job.Attempt, segment);
                return null;
            }

            records.Add(record);
        }

        var listed = records.SelectMany(r => r.Frames).OrderBy(f => f.Index).ToList();
        var framesDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "frames")).FullName;
        var thumbnailsDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "thumbnails")).FullName;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.UploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(listed, parallel, async (frame, ct) =>
        {
            await store.DownloadToFileAsync(ObjectKeys.Frame(job.UserId, job.VideoId, frame.File), Path.Combine(framesDirectory, frame.File), ct);
            await store.DownloadToFileAsync(ObjectKeys.FrameThumbnail(job.UserId, job.VideoId, frame.File), Path.Combine(thumbnailsDirectory, Path.ChangeExtension(frame.File, ".jpg")), ct);
        });
        var fetched = clock.Elapsed;
        await progress(92);

        // Numbered 1..n in time order: a segment that gave fewer frames than planned (the end of a damaged file) leaves no gap.
        var frames = listed.Select((f, i) => new ExtractedFrame(i + 1, f.TimestampSeconds, Path.Combine(framesDirectory, f.File))
        {
            ThumbnailPath = Path.Combine(thumbnailsDirectory, Path.ChangeExtension(f.File, ".jpg")),
        }).ToList();
        var renamed = frames.Where((f, i) => f.EntryName != listed[i].File).ToList();

        using var source = await sources.OpenAsync(job.SourceKey, sourceBytes, cancellationToken);
        var media = await source.ProbeAsync(cancellationToken);
        var plan = FramePlanner.Plan(job.Options, media, options.Value);
        var result = await extraction.PackageAsync(frames, media, job.Options, plan, workDirectory, cancellationToken);
        var packaged = clock.Elapsed;
        await progress(96);

        var frameBytes = frames.Sum(f => new FileInfo(f.Path).Length + new FileInfo(f.ThumbnailPath!).Length);
        await outputs.StoreFramesAsync(job, renamed, null, cancellationToken);
        var packageBytes = await outputs.StorePackageAsync(job, result, null, cancellationToken);
        await outputs.DeleteStaleAsync(job, OutputStore.KeysOf(job, result), cancellationToken);
        logger.LogInformation(
            "Video {VideoId}: joined {Count} segments, {Frames} frames in {Total:0.0} s: records and frames fetched {Fetched:0.0} s, probe, extras and zip {Packaged:0.0} s, package stored and records removed {Stored:0.0} s",
            job.VideoId, job.SegmentCount, frames.Count, clock.Elapsed.TotalSeconds, fetched.TotalSeconds, (packaged - fetched).TotalSeconds, (clock.Elapsed - packaged).TotalSeconds);
        return new StageOutcome.Completed(frames.Count, frameBytes + packageBytes);
    }
}
