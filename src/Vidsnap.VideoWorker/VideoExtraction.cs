using Microsoft.Extensions.Options;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

public sealed record ExtractionResult(string ZipPath, Extras Extras, int FrameCount, MediaInfo Media, FramePlan Plan);

/// <summary>
/// probe -> plan -> extract -> extras -> zip, all inside one work directory. Shared by the video worker and
/// the `vidsnap extract` command, so what is benchmarked is what runs.
/// </summary>
public sealed class VideoExtraction(MediaProbe probe, FrameExtractor extractor, ExtrasBuilder extras, IOptions<VideoWorkerOptions> options)
{
    public async Task<ExtractionResult> RunAsync(string source, ExtractionOptions extraction, string workDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var media = await probe.ProbeAsync(source, cancellationToken);
        var plan = FramePlanner.Plan(extraction, media, options.Value);
        var frames = await extractor.ExtractAsync(source, media, extraction, plan, Path.Combine(workDirectory, "frames"), onProgress, cancellationToken);
        var built = await extras.BuildAsync(frames, plan.End, Path.Combine(workDirectory, "extras"), cancellationToken);
        var zip = Path.Combine(workDirectory, "frames.zip");
        await FramePackager.PackAsync(frames, FramePackager.Describe(frames, media, extraction, plan), built, zip, cancellationToken);
        return new ExtractionResult(zip, built, frames.Count, media, plan);
    }
}
