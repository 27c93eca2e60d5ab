using System.Globalization;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>Extracts one JPEG every interval in a single decoding pass, reporting progress as ffmpeg goes.</summary>
public sealed class FrameExtractor(IOptions<VideoWorkerOptions> options)
{
    public static int ExpectedFrames(double durationSeconds, double intervalSeconds) =>
        Math.Max(1, (int)Math.Ceiling((durationSeconds / intervalSeconds) - 1e-6));

    public async Task<IReadOnlyList<ExtractedFrame>> ExtractAsync(
        string input, MediaInfo media, ExtractionOptions extraction, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(onProgress);
        var settings = options.Value;
        var expected = ExpectedFrames(media.DurationSeconds, extraction.IntervalSeconds);
        if (expected > settings.MaxFrames)
        {
            throw new VideoRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"Every {extraction.IntervalSeconds} s this video gives {expected} frames, more than the limit of {settings.MaxFrames}. Choose a longer interval."));
        }

        Directory.CreateDirectory(outputDirectory);
        var rate = (1 / extraction.IntervalSeconds).ToString("R", CultureInfo.InvariantCulture);
        var durationUs = media.DurationSeconds * 1_000_000;
        var result = await ToolProcess.RunAsync(settings.FfmpegPath,
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-nostats",
             "-protocol_whitelist", "file", "-format_whitelist", settings.AllowedFormats, "-i", "file:" + input,
             "-map", "0:v:0", "-an", "-sn", "-dn",
             "-vf", $"fps={rate}", "-frames:v", expected.ToString(CultureInfo.InvariantCulture),
             "-q:v", settings.JpegQuality.ToString(CultureInfo.InvariantCulture),
             "-progress", "pipe:1", "-y", Path.Combine(outputDirectory, "%06d.jpg")],
            line =>
            {
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
                {
                    onProgress((int)Math.Clamp(us / durationUs * 100, 0, 99));
                }
            },
            TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken);

        if (result.ExitCode != 0)
        {
            var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "unknown error";
            throw new VideoRejectedException($"The video could not be decoded ({reason}). The file may be damaged; re-export it and upload it again.");
        }

        var files = Directory.GetFiles(outputDirectory, "*.jpg").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new VideoRejectedException("No frame could be extracted from the video. The file may be damaged; re-export it and upload it again.");
        }

        return [.. files.Select((path, i) => new ExtractedFrame(i + 1, i * extraction.IntervalSeconds, path))];
    }
}
