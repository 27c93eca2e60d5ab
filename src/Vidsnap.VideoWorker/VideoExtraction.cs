using Microsoft.Extensions.Options;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>What an extraction made: the zip, and beside it the extras, each frame (with its thumbnail) and the manifest as files of their own.</summary>
public sealed record ExtractionResult(
    string ZipPath, Extras Extras, int FrameCount, MediaInfo Media, FramePlan Plan, IReadOnlyList<ExtractedFrame> Frames, FrameManifest Manifest, string ManifestPath);

/// <summary>A probed and planned source, with the keyframe index being read when the plan needs it.</summary>
public sealed record PreparedExtraction(string Source, ExtractionOptions Options, MediaInfo Media, FramePlan Plan, Task<List<double>>? Keyframes);

/// <summary>
/// probe -> plan -> extract -> extras -> zip, all inside one work directory. Shared by the video worker and
/// the `vidsnap extract` command, so what is benchmarked is what runs.
/// </summary>
public sealed class VideoExtraction(MediaProbe probe, FrameExtractor extractor, ExtrasBuilder extras, IOptions<VideoWorkerOptions> options)
{
    public async Task<ExtractionResult> RunAsync(string source, ExtractionOptions extraction, string workDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(source, extraction, cancellationToken);
        return await ExtractAsync(prepared, workDirectory, onProgress, cancellationToken);
    }

    /// <summary>Probes and plans; a caller may look at the plan (and split it) before anything is decoded.</summary>
    /// <param name="probeSource">How the source is probed when it is not a local file (a stored source read in place).</param>
    /// <param name="scanKeyframes">False: no keyframe index is read beside the probe (a caller reading in place reads it only if it splits).</param>
    public async Task<PreparedExtraction> PrepareAsync(
        string source, ExtractionOptions extraction, CancellationToken cancellationToken, Func<CancellationToken, Task<MediaInfo>>? probeSource = null,
        bool scanKeyframes = true)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        // Each tool run costs about 0.15 s before it reads a byte: the keyframe index, when the plan will need
        // it, is read beside the probe rather than after it.
        var scan = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keyframes = scanKeyframes && FramePlanner.ReadsKeyframes(FramePlanner.StrategyFor(extraction, options.Value)) ? extractor.ReadKeyframesAsync(source, scan.Token) : null;
        try
        {
            var media = await (probeSource?.Invoke(cancellationToken) ?? probe.ProbeAsync(source, cancellationToken));
            var plan = FramePlanner.Plan(extraction, media, options.Value);
            if (keyframes is null)
            {
                scan.Dispose();
            }
            else
            {
                // The scan outlives this call (the caller awaits it later); its source goes when it ends.
                _ = keyframes.ContinueWith(_ => scan.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            return new PreparedExtraction(source, extraction, media, plan, keyframes);
        }
        catch
        {
            // The probe's reason is the one to give; the scan of a file it refused is stopped and its own failure dropped.
            await scan.CancelAsync();
            if (keyframes is not null)
            {
                await keyframes.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            scan.Dispose();
            throw;
        }
    }

    public async Task<ExtractionResult> ExtractAsync(PreparedExtraction prepared, string workDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var (source, extraction, media, plan) = (prepared.Source, prepared.Options, prepared.Media, prepared.Plan);
        var frames = await extractor.ExtractAsync(source, media, extraction, plan, Path.Combine(workDirectory, "frames"), onProgress, prepared.Keyframes, cancellationToken);
        frames = await extras.WithThumbnailsAsync(frames, Path.Combine(workDirectory, "thumbnails"), cancellationToken);
        return await PackageAsync(frames, media, extraction, plan, workDirectory, cancellationToken);
    }

    /// <summary>extras -> manifest -> zip from frames already on disk (with their thumbnails), as the join of a split video does too.</summary>
    public async Task<ExtractionResult> PackageAsync(
        IReadOnlyList<ExtractedFrame> frames, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var built = await extras.BuildAsync(frames, plan.End, Path.Combine(workDirectory, "extras"), cancellationToken);
        var zip = Path.Combine(workDirectory, "frames.zip");
        var manifest = FramePackager.Describe(frames, media, extraction, plan);
        var manifestPath = Path.Combine(workDirectory, "manifest.json");
        await FramePackager.WriteManifestAsync(manifest, manifestPath, cancellationToken);
        await FramePackager.PackAsync(frames, manifest, built, zip, cancellationToken);
        return new ExtractionResult(zip, built, frames.Count, media, plan, frames, manifest, manifestPath);
    }
}
