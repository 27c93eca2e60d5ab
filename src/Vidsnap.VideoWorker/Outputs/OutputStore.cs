using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Storage;

namespace Vidsnap.VideoWorker.Outputs;

/// <summary>
/// Stores what a job made beside the zip, each under a key fixed by the video and the frame's name, so a rerun or
/// a redelivered segment replaces rather than adds: each frame and its thumbnail, the poster (and its list-size
/// copy), the storyboard, the contact sheet, manifest.json and the zip. The manifest goes after the frames, so it
/// never lists a frame not yet stored, and the zip last. Answers the bytes stored, which count against the quota.
/// </summary>
public sealed class OutputStore(IObjectStore store, IOptions<VideoWorkerOptions> options, ILogger<OutputStore> logger)
{
    private int Parallelism => options.Value.UploadParallelism;

    /// <summary>Each frame and its thumbnail, a few at a time; <paramref name="stored"/> is told each object stored (of <paramref name="total"/>).</summary>
    public async Task<long> StoreFramesAsync(
        VideoJob job, IEnumerable<ExtractedFrame> frames, Action<int>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var frameType = FrameContentType(job.Options);
        var uploads = frames.SelectMany(frame => new[]
        {
            (Key: ObjectKeys.Frame(job.UserId, job.VideoId, frame.EntryName), frame.Path, ContentType: frameType),
            (Key: ObjectKeys.FrameThumbnail(job.UserId, job.VideoId, frame.EntryName), Path: frame.ThumbnailPath!, ContentType: "image/jpeg"),
        }).ToList();
        return await UploadAllAsync(uploads, stored, cancellationToken);
    }

    /// <summary>The extras, then the manifest, then the zip.</summary>
    public async Task<long> StorePackageAsync(VideoJob job, ExtractionResult result, Action<int>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        var bytes = await UploadAllAsync([.. ExtrasOf(job, result.Extras)], stored, cancellationToken);
        await store.UploadFileAsync(ObjectKeys.Manifest(job.UserId, job.VideoId), result.ManifestPath, "application/json", cancellationToken);
        bytes += new FileInfo(result.ManifestPath).Length;
        await store.UploadFileAsync(job.OutputKey, result.ZipPath, "application/zip", cancellationToken);
        return bytes + new FileInfo(result.ZipPath).Length;
    }

    /// <summary>Objects the package is made of beside the zip: what <see cref="StorePackageAsync"/> writes to the folders it owns.</summary>
    public static IEnumerable<string> KeysOf(VideoJob job, ExtractionResult result)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        return result.Frames.SelectMany(f => new[] { ObjectKeys.Frame(job.UserId, job.VideoId, f.EntryName), ObjectKeys.FrameThumbnail(job.UserId, job.VideoId, f.EntryName) })
            .Concat(ExtrasOf(job, result.Extras).Select(e => e.Key));
    }

    /// <summary>Uploads counted by <see cref="StoreFramesAsync"/> and <see cref="StorePackageAsync"/> together, for progress.</summary>
    public static int ObjectCount(VideoJob job, ExtractionResult result)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        // Each frame and its thumbnail, the extras, then the manifest and the zip.
        return (2 * result.Frames.Count) + ExtrasOf(job, result.Extras).Count() + 2;
    }

    /// <summary>
    /// Deletes what an earlier run stored in the video's frame, thumbnail and storyboard folders that this one did
    /// not write (frames it no longer takes), and a split video's segment records. Best effort: nothing reads a frame
    /// the new manifest does not list, and deleting the video removes its whole prefix, so a failed clean-up costs
    /// storage until then, never a video.
    /// </summary>
    public async Task DeleteStaleAsync(VideoJob job, IEnumerable<string> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keep = written.ToHashSet(StringComparer.Ordinal);
        try
        {
            var stale = new List<string>();
            foreach (var folder in new[] { ObjectKeys.FramesFolder(job.UserId, job.VideoId), ObjectKeys.ThumbnailsFolder(job.UserId, job.VideoId), ObjectKeys.StoryboardFolder(job.UserId, job.VideoId) })
            {
                await foreach (var found in store.ListAsync(folder, cancellationToken))
                {
                    if (!keep.Contains(found.Key))
                    {
                        stale.Add(found.Key);
                    }
                }
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(stale, parallel, async (key, ct) => await store.DeleteAsync(key, ct));
            await store.DeletePrefixAsync(ObjectKeys.SegmentsFolder(job.UserId, job.VideoId), cancellationToken);
            if (stale.Count > 0)
            {
                logger.LogInformation("Removed {Count} objects an earlier run stored that this one did not", stale.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not remove the objects an earlier run stored that this one did not write; they stay until the video is deleted");
        }
    }

    private static IEnumerable<(string Key, string Path, string ContentType)> ExtrasOf(VideoJob job, Extras extras)
    {
        var (userId, videoId) = (job.UserId, job.VideoId);
        yield return (ObjectKeys.Poster(userId, videoId), extras.PosterPath, "image/jpeg");
        yield return (ObjectKeys.PosterThumbnail(userId, videoId), extras.PosterThumbnailPath, "image/jpeg");
        yield return (ObjectKeys.ContactSheet(userId, videoId), extras.ContactSheetPath, "image/jpeg");
        foreach (var sprite in extras.SpritePaths)
        {
            yield return (ObjectKeys.Storyboard(userId, videoId, Path.GetFileName(sprite)), sprite, "image/jpeg");
        }

        yield return (ObjectKeys.Storyboard(userId, videoId, "storyboard.vtt"), extras.StoryboardVttPath, "text/vtt");
    }

    private async Task<long> UploadAllAsync(IReadOnlyList<(string Key, string Path, string ContentType)> uploads, Action<int>? stored, CancellationToken cancellationToken)
    {
        var bytes = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(uploads, parallel, async (upload, ct) =>
        {
            await store.UploadFileAsync(upload.Key, upload.Path, upload.ContentType, ct);
            Interlocked.Add(ref bytes, new FileInfo(upload.Path).Length);
            stored?.Invoke(1);
        });
        return bytes;
    }

    private static string FrameContentType(ExtractionOptions extraction) => extraction.Format switch
    {
        ExtractionOptions.Png => "image/png",
        ExtractionOptions.Webp => "image/webp",
        _ => "image/jpeg",
    };
}
