using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Storage;

namespace Vidsnap.VideoWorker;

/// <summary>
/// receive -> Processing -> probe -> extract -> zip -> store -> Completed, or Failed with a reason. A rerun
/// replaces its zip, frames and extras under the same keys and removes frames an earlier run left, so a
/// redelivered or retried job leaves exactly one zip and the frames its manifest lists.
/// </summary>
public sealed class VideoJobHandler(
    IObjectStore store,
    MessagePublisher publisher,
    VideoExtraction extraction,
    VidsnapPaths paths,
    IOptions<VideoWorkerOptions> options,
    TimeProvider time,
    ILogger<VideoJobHandler> logger) : IMessageHandler<VideoJob>
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    public async Task HandleAsync(VideoJob message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        if (message.SourceKey != ObjectKeys.Source(message.UserId, message.VideoId) || message.OutputKey != ObjectKeys.Frames(message.UserId, message.VideoId))
        {
            // Keys come from ids on the api side; anything else is a forged or corrupt message and touches nothing.
            logger.LogError("Refusing job {MessageId}: its object keys do not belong to video {VideoId} of its user", message.MessageId, message.VideoId);
            return;
        }

        await PublishAsync(message, VideoEventKind.Processing, cancellationToken);
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(settings.JobTimeoutMinutes));
        var workDirectory = Path.Combine(settings.WorkDirectory ?? paths.Work, $"{message.VideoId:N}-{message.Attempt}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        using var ownership = WorkDirectoryJanitor.Claim(workDirectory);
        using var budget = new OutputBudget(workDirectory, Path.Combine(workDirectory, "source"), settings.MaxOutputBytes, timeout);
        var started = time.GetTimestamp();
        try
        {
            var (frameCount, outputBytes) = await ProcessAsync(message, workDirectory, budget, timeout.Token);
            await PublishAsync(message, VideoEventKind.Completed, cancellationToken, frameCount: frameCount, outputBytes: outputBytes);
            VideoWorkerMetrics.VideoFinished("completed", time.GetElapsedTime(started), frameCount);
        }
        catch (Exception ex) when (budget.Exceeded && ex is OperationCanceledException or VideoRejectedException)
        {
            await FailAsync(message, Invariant(
                $"The frames asked for would take more than the limit of {budget.LimitBytes / (1024.0 * 1024):0.#} MiB a video may make. Ask for fewer frames (a longer interval or a lower count), a smaller width, or JPEG instead of PNG."),
                started, cancellationToken);
        }
        catch (ScratchSpaceException ex) when (!delivery.IsLastAttempt)
        {
            // Given back, not failed: a worker with room (or this one, later) takes it.
            logger.LogWarning("Giving video {VideoId} back: {Reason}", message.VideoId, ex.Message);
            throw;
        }
        catch (VideoRejectedException ex)
        {
            logger.LogInformation("Video {VideoId} rejected: {Reason} {ToolOutput}", message.VideoId, ex.Message, ex.InnerException?.Message);
            await FailAsync(message, ex.Message, started, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is TimeoutException
                ? $"{ex.Message} The video may be damaged; re-export it and upload it again."
                : $"Processing took longer than the limit of {settings.JobTimeoutMinutes} minutes. Try a shorter video or a longer interval.";
            await FailAsync(message, reason, started, cancellationToken);
        }
        catch (ScratchSpaceException ex) when (delivery.IsLastAttempt)
        {
            logger.LogError("Video {VideoId} failed on its last attempt: {Reason}", message.VideoId, ex.Message);
            await FailAsync(message, "Vidsnap had too little scratch space to process this video. Retry it later.", started, cancellationToken);
            throw;
        }
        catch (Exception ex) when (delivery.IsLastAttempt && !cancellationToken.IsCancellationRequested)
        {
            // Out of retries: say so on the video rather than leave it Processing while the message goes to the dead letters.
            logger.LogError(ex, "Video {VideoId} failed on its last attempt", message.VideoId);
            await FailAsync(message, "Vidsnap could not process this video because of an internal error. Retry it later.", started, cancellationToken);

            // Not acknowledged: the message goes on to the dead letters, where the failure can be looked into.
            throw;
        }
        finally
        {
            TryDelete(workDirectory);
        }
    }

    private async Task FailAsync(VideoJob message, string reason, long started, CancellationToken cancellationToken)
    {
        await PublishAsync(message, VideoEventKind.Failed, cancellationToken, error: reason);
        VideoWorkerMetrics.VideoFinished("failed", time.GetElapsedTime(started), 0);
    }

    private async Task<(int FrameCount, long OutputBytes)> ProcessAsync(VideoJob job, string workDirectory, OutputBudget budget, CancellationToken cancellationToken)
    {
        var source = Path.Combine(workDirectory, "source");
        await EnsureScratchSpaceAsync(job, workDirectory, cancellationToken);
        await store.DownloadToFileAsync(job.SourceKey, source, cancellationToken);

        var progress = new JobProgress(percent => PublishAsync(job, VideoEventKind.Progress, cancellationToken, progress: percent), time, ProgressEvery);
        var result = await extraction.RunAsync(source, job.Options, workDirectory, progress.Extracting, cancellationToken);
        budget.Check();
        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Video {VideoId}: {Codec} {Width}x{Height}, {Duration:0.##} s, {Frames} frames by {Strategy}",
            job.VideoId, result.Media.Codec, result.Media.Width, result.Media.Height, result.Media.DurationSeconds, result.FrameCount, result.Plan.Strategy);
        var outputBytes = await StoreOutputsAsync(job, result, progress, cancellationToken);
        await progress.DrainAsync();
        return (result.FrameCount, outputBytes);
    }

    /// <summary>
    /// The zip, and beside it what the web app shows without downloading it: each frame and its thumbnail on
    /// their own, the poster (and its list-size copy), the storyboard, the contact sheet and manifest.json. The
    /// frames go up a few at a time; the manifest after them, so it never lists a frame not yet stored, and the
    /// zip last. A rerun replaces each object under the same key, then deletes what an earlier run stored that
    /// this one did not (frames it no longer takes), so a retried job leaves exactly what its manifest lists.
    /// Answers the bytes stored, which count against the account's quota.
    /// </summary>
    private async Task<long> StoreOutputsAsync(VideoJob job, ExtractionResult result, JobProgress progress, CancellationToken cancellationToken)
    {
        var (userId, videoId) = (job.UserId, job.VideoId);
        var extras = result.Extras;
        var frameType = FrameContentType(job.Options);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var outputBytes = 0L;
        var uploads = new List<(string Key, string Path, string ContentType)>();
        foreach (var frame in result.Frames)
        {
            uploads.Add((ObjectKeys.Frame(userId, videoId, frame.EntryName), frame.Path, frameType));
            uploads.Add((ObjectKeys.FrameThumbnail(userId, videoId, frame.EntryName), frame.ThumbnailPath!, "image/jpeg"));
        }

        uploads.Add((ObjectKeys.Poster(userId, videoId), extras.PosterPath, "image/jpeg"));
        uploads.Add((ObjectKeys.PosterThumbnail(userId, videoId), extras.PosterThumbnailPath, "image/jpeg"));
        uploads.Add((ObjectKeys.ContactSheet(userId, videoId), extras.ContactSheetPath, "image/jpeg"));
        uploads.AddRange(extras.SpritePaths.Select(sprite => (ObjectKeys.Storyboard(userId, videoId, Path.GetFileName(sprite)), sprite, "image/jpeg")));
        uploads.Add((ObjectKeys.Storyboard(userId, videoId, "storyboard.vtt"), extras.StoryboardVttPath, "text/vtt"));

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.UploadParallelism, CancellationToken = cancellationToken };
        var stored = 0;
        await Parallel.ForEachAsync(uploads, parallel, async (upload, ct) =>
        {
            await store.UploadFileAsync(upload.Key, upload.Path, upload.ContentType, ct);
            Interlocked.Add(ref outputBytes, new FileInfo(upload.Path).Length);
            progress.Storing(Interlocked.Increment(ref stored), uploads.Count + 2);
        });
        written.UnionWith(uploads.Select(u => u.Key));

        await store.UploadFileAsync(ObjectKeys.Manifest(userId, videoId), result.ManifestPath, "application/json", cancellationToken);
        outputBytes += new FileInfo(result.ManifestPath).Length;
        await store.UploadFileAsync(job.OutputKey, result.ZipPath, "application/zip", cancellationToken);
        outputBytes += new FileInfo(result.ZipPath).Length;

        await DeleteStaleAsync(written, [ObjectKeys.FramesFolder(userId, videoId), ObjectKeys.ThumbnailsFolder(userId, videoId), ObjectKeys.StoryboardFolder(userId, videoId)], cancellationToken);
        return outputBytes;
    }

    /// <summary>
    /// What an earlier run stored under the folders and this one did not write. Best effort: nothing reads a frame
    /// the new manifest does not list, and deleting the video removes its whole prefix, so a failed clean-up costs
    /// storage until then, never a video.
    /// </summary>
    private async Task DeleteStaleAsync(HashSet<string> written, IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteStaleOrThrowAsync(written, folders, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not remove the objects an earlier run stored that this one did not write; they stay until the video is deleted");
        }
    }

    private async Task DeleteStaleOrThrowAsync(HashSet<string> written, IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        foreach (var folder in folders)
        {
            await foreach (var stored in store.ListAsync(folder, cancellationToken))
            {
                if (!written.Contains(stored.Key))
                {
                    stale.Add(stored.Key);
                }
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.UploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(stale, parallel, async (key, ct) => await store.DeleteAsync(key, ct));
        if (stale.Count > 0)
        {
            logger.LogInformation("Removed {Count} objects an earlier run stored that this one did not", stale.Count);
        }
    }

    private static string FrameContentType(ExtractionOptions extraction) => extraction.Format switch
    {
        ExtractionOptions.Png => "image/png",
        ExtractionOptions.Webp => "image/webp",
        _ => "image/jpeg",
    };

    /// <summary>
    /// The source must be the size the api checked at complete (else it was replaced since, and is not read at
    /// all); it and the free space kept beside it must fit, or the job goes back to the queue.
    /// </summary>
    private async Task EnsureScratchSpaceAsync(VideoJob job, string workDirectory, CancellationToken cancellationToken)
    {
        var stored = await store.GetSizeAsync(job.SourceKey, cancellationToken);
        if (job.SizeBytes is { } expected && stored != expected)
        {
            throw new VideoRejectedException(stored is null
                ? "The uploaded file is gone from storage. Create a new video and upload the file again."
                : Invariant($"The stored file has {stored} bytes, not the {expected} checked when the upload completed: it was replaced. Create a new video and upload the file again."));
        }

        var size = stored ?? 0;
        var free = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(workDirectory))!).AvailableFreeSpace;
        var needed = size + options.Value.MinFreeScratchBytes;
        if (free < needed)
        {
            throw new ScratchSpaceException(Invariant($"{free / (1024 * 1024)} MiB of scratch space free, {needed / (1024 * 1024)} MiB needed for this video."));
        }
    }

    private Task PublishAsync(
        VideoJob job, VideoEventKind kind, CancellationToken cancellationToken, int? progress = null, int? frameCount = null, string? error = null, long? outputBytes = null) =>
        publisher.PublishAsync(new VideoStatusEvent(Guid.NewGuid(), job.VideoId, job.Attempt, kind, time.GetUtcNow(), progress, frameCount, error, outputBytes), cancellationToken);

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not remove the work directory {Directory}", directory);
        }
    }
}
