using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Storage;
using Vidsnap.VideoWorker.Outputs;
using Vidsnap.VideoWorker.Segments;

namespace Vidsnap.VideoWorker;

/// <summary>
/// receive -> Processing -> probe -> extract -> zip -> store -> Completed, or Failed with a reason. A job whose
/// decode work is large is instead planned into segments (<see cref="SegmentPlanner"/>): each is a job of its own
/// (<see cref="SegmentExtraction"/>), and the last one done asks for the join (<see cref="SegmentJoin"/>), which
/// completes the video. Every stage writes under fixed keys and removes what an earlier run left, so a redelivered
/// or retried job leaves exactly one zip and the frames its manifest lists.
/// </summary>
public sealed class VideoJobHandler(
    IObjectStore store,
    MessagePublisher publisher,
    VideoExtraction extraction,
    FrameExtractor extractor,
    OutputStore outputs,
    SegmentExtraction segments,
    SegmentJoin join,
    Sources.StoredSources sources,
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
        if (message.SourceKey != ObjectKeys.Source(message.UserId, message.VideoId) || message.OutputKey != ObjectKeys.Frames(message.UserId, message.VideoId)
            || (message.Stage == VideoJobStage.Segment) != (message.Segment is not null) || (message.Stage != VideoJobStage.Whole && message.SegmentCount < 2))
        {
            // Keys come from ids on the api side; anything else is a forged or corrupt message and touches nothing.
            logger.LogError("Refusing job {MessageId}: its object keys or its segment do not belong to video {VideoId} of its user", message.MessageId, message.VideoId);
            return;
        }

        if (message.Stage == VideoJobStage.Whole)
        {
            await PublishAsync(message, VideoEventKind.Processing, cancellationToken);
        }

        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(settings.JobTimeoutMinutes));
        var workDirectory = Path.Combine(settings.WorkDirectory ?? paths.Work, $"{message.VideoId:N}-{message.Attempt}-{message.Stage}{message.Segment?.Index}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        using var ownership = WorkDirectoryJanitor.Claim(workDirectory);
        using var budget = new OutputBudget(workDirectory, Path.Combine(workDirectory, "source"), settings.MaxOutputBytes, timeout);
        var started = time.GetTimestamp();
        try
        {
            var sourceBytes = await EnsureScratchSpaceAsync(message, workDirectory, timeout.Token);
            var progress = new JobProgress(percent => PublishAsync(message, VideoEventKind.Progress, cancellationToken, progress: percent, segment: message.Segment?.Index), time, ProgressEvery,
                JobProgress.StepFor(message.Stage == VideoJobStage.Segment ? message.SegmentCount : 1));
            var outcome = message.Stage switch
            {
                VideoJobStage.Segment => await segments.RunAsync(message, sourceBytes, workDirectory, progress, timeout.Token),
                VideoJobStage.Join => await join.RunAsync(message, sourceBytes, workDirectory, percent => PublishAsync(message, VideoEventKind.Progress, cancellationToken, progress: percent), timeout.Token),
                _ => await WholeAsync(message, sourceBytes, workDirectory, budget, progress, timeout.Token),
            };
            budget.Check();
            await progress.DrainAsync();
            await ReportAsync(message, outcome, started, cancellationToken);
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
            logger.LogError(ex, "Video {VideoId} failed on its last attempt ({Stage} {Segment})", message.VideoId, message.Stage, message.Segment?.Index);
            await FailAsync(message, message.Stage == VideoJobStage.Segment
                ? Invariant($"Vidsnap could not process part {message.Segment!.Index + 1} of {message.SegmentCount} of this video because of an internal error. Retry it later.")
                : "Vidsnap could not process this video because of an internal error. Retry it later.", started, cancellationToken);

            // Not acknowledged: the message goes on to the dead letters, where the failure can be looked into.
            throw;
        }
        finally
        {
            TryDelete(workDirectory);
        }
    }

    private async Task ReportAsync(VideoJob message, StageOutcome? outcome, long started, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case StageOutcome.Completed done:
                await PublishAsync(message, VideoEventKind.Completed, cancellationToken, frameCount: done.FrameCount, outputBytes: done.OutputBytes);
                VideoWorkerMetrics.VideoFinished("completed", time.GetElapsedTime(started), done.FrameCount);
                break;
            case StageOutcome.Split split:
                await publisher.PublishAsync(new VideoStatusEvent(
                    Guid.NewGuid(), message.VideoId, message.Attempt, VideoEventKind.Split, time.GetUtcNow(), Segments: split.Segments), cancellationToken);
                break;
            case StageOutcome.SegmentStored stored:
                await PublishAsync(message, VideoEventKind.SegmentCompleted, cancellationToken, frameCount: stored.FrameCount, outputBytes: stored.OutputBytes, segment: stored.Segment);
                break;
        }
    }

    private async Task FailAsync(VideoJob message, string reason, long started, CancellationToken cancellationToken)
    {
        await PublishAsync(message, VideoEventKind.Failed, cancellationToken, error: reason);
        VideoWorkerMetrics.VideoFinished("failed", time.GetElapsedTime(started), 0);
    }

    /// <summary>The whole video on this worker, unless its plan's decode work is large: then it is cut into segments, and nothing is extracted here.</summary>
    private async Task<StageOutcome> WholeAsync(VideoJob job, long sourceBytes, string workDirectory, OutputBudget budget, JobProgress progress, CancellationToken cancellationToken)
    {
        // A large file may be one to split: it is planned where it is stored, so splitting it costs the store its
        // index and a few headers, not a download that no segment would use. A small one (the most, and every file
        // too short to split) is downloaded and planned locally as before.
        if (options.Value.SplitAboveSeconds > 0 && sourceBytes >= options.Value.PlanInPlaceAboveBytes)
        {
            using var inStore = await sources.OpenAsync(job.SourceKey, sourceBytes, cancellationToken);
            var inPlace = await extraction.PrepareAsync(inStore.Url, job.Options, cancellationToken, inStore.ProbeAsync, scanKeyframes: false);
            if (SegmentPlanner.SegmentCount(inPlace.Plan, options.Value) >= 2)
            {
                // The whole index is read only for a plan that seeks by it, and only once it is known to split.
                var index = FramePlanner.ReadsKeyframes(inPlace.Plan.Strategy) ? extractor.ReadKeyframesAsync(inStore.Url, cancellationToken) : null;
                if (await SplitAsync(job, inPlace with { Keyframes = index }, inStore.Url, cancellationToken) is { } split)
                {
                    return split;
                }
            }
        }

        var source = Path.Combine(workDirectory, "source");
        await store.DownloadToFileAsync(job.SourceKey, source, cancellationToken);
        var prepared = await extraction.PrepareAsync(source, job.Options, cancellationToken);
        if (await SplitAsync(job, prepared, source, cancellationToken) is { } planned)
        {
            return planned;
        }

        var result = await extraction.ExtractAsync(prepared, workDirectory, progress.Extracting, cancellationToken);
        budget.Check();
        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Video {VideoId}: {Codec} {Width}x{Height}, {Duration:0.##} s, {Frames} frames by {Strategy}",
            job.VideoId, result.Media.Codec, result.Media.Width, result.Media.Height, result.Media.DurationSeconds, result.FrameCount, result.Plan.Strategy);
        var total = OutputStore.ObjectCount(job, result);
        var stored = 0;
        Action<int> onStored = n => progress.Storing(Interlocked.Add(ref stored, n), total);
        var outputBytes = await outputs.StoreFramesAsync(job, result.Frames, onStored, cancellationToken);
        outputBytes += await outputs.StorePackageAsync(job, result, onStored, cancellationToken);
        await outputs.DeleteStaleAsync(job, OutputStore.KeysOf(job, result), cancellationToken);
        return new StageOutcome.Completed(result.FrameCount, outputBytes);
    }

    /// <summary>The plan cut into segments when its decode work is large enough; null to extract it whole.</summary>
    private async Task<StageOutcome.Split?> SplitAsync(VideoJob job, PreparedExtraction prepared, string source, CancellationToken cancellationToken)
    {
        var count = SegmentPlanner.SegmentCount(prepared.Plan, options.Value);
        if (count < 2)
        {
            return null;
        }

        var targets = SegmentPlanner.CutTargets(prepared.Plan, count);
        var keyframes = prepared.Keyframes is { } index
            ? await index
            : await extractor.ReadKeyframesAsync(source, cancellationToken, SegmentPlanner.KeyframeIntervals(targets, prepared.Media.StartTime));
        var planned = SegmentPlanner.Plan(prepared.Plan, targets, [.. keyframes.Select(k => k - prepared.Media.StartTime)]);
        if (planned.Count < 2)
        {
            return null;
        }

        logger.LogInformation("Video {VideoId}: {Seconds:0} s of decoding split into {Count} segments, cut at {Cuts}",
            job.VideoId, SegmentPlanner.DecodeSeconds(prepared.Plan), planned.Count, string.Join(", ", planned.Skip(1).Select(p => Invariant($"{p.Start:0.###} s"))));
        return new StageOutcome.Split(planned);
    }

    /// <summary>
    /// The source must be the size the api checked at complete (else it was replaced since, and is not read at
    /// all); what the stage keeps on disk and the free space kept beside it must fit, or the job goes back to the
    /// queue. A segment or a join reads the source in place, so it needs room for its frames only. Answers the source's size.
    /// </summary>
    private async Task<long> EnsureScratchSpaceAsync(VideoJob job, string workDirectory, CancellationToken cancellationToken)
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
        var needed = (job.Stage == VideoJobStage.Whole ? size : 0) + options.Value.MinFreeScratchBytes;
        if (free < needed)
        {
            throw new ScratchSpaceException(Invariant($"{free / (1024 * 1024)} MiB of scratch space free, {needed / (1024 * 1024)} MiB needed for this video."));
        }

        return size;
    }

    private Task PublishAsync(
        VideoJob job, VideoEventKind kind, CancellationToken cancellationToken, int? progress = null, int? frameCount = null, string? error = null, long? outputBytes = null,
        int? segment = null) =>
        publisher.PublishAsync(new VideoStatusEvent(Guid.NewGuid(), job.VideoId, job.Attempt, kind, time.GetUtcNow(), progress, frameCount, error, outputBytes, segment), cancellationToken);

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
