using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>
/// Runs a frame plan with ffmpeg: dense sampling in one decoding pass, sparse sampling by seeking on the input
/// per moment (several processes in parallel), keyframes and fast precision without decoding other frames.
/// Each frame's real time comes from ffmpeg's showinfo, so what the manifest reports is what was taken.
/// </summary>
public sealed class FrameExtractor(IOptions<VideoWorkerOptions> options, IToolRunner? tools = null)
{
    private const int MinimumFramesPerSegment = 8;
    private const double MinimumSegmentSeconds = 15;

    private IToolRunner Tools => tools ?? ProcessToolRunner.Instance;

    /// <summary>Up to this many keyframes per wanted moment, decoding every keyframe beats one process per moment.</summary>
    private const int KeyframesPerMomentForOnePass = 8;

    public async Task<IReadOnlyList<ExtractedFrame>> ExtractAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(onProgress);
        Directory.CreateDirectory(outputDirectory);
        var frames = plan.Strategy switch
        {
            ExtractionStrategy.Seek when plan.Fast => await NearestKeyframesAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken),
            ExtractionStrategy.Seek => await SeekEachAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken),
            ExtractionStrategy.SinglePass => await SegmentedPassAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken),
            _ => await SinglePassAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken),
        };
        if (frames.Count == 0)
        {
            throw new VideoRejectedException(plan.Strategy == ExtractionStrategy.Scene
                ? "No frame could be extracted: the video may be damaged. Re-export it and upload it again."
                : "No frame could be extracted from the video. The file may be damaged; re-export it and upload it again.");
        }

        // Final names carry index and time, as they will appear in the zip.
        return [.. frames.Select(f =>
        {
            var named = Path.Combine(outputDirectory, f.EntryName);
            File.Move(f.Path, named, overwrite: true);
            return f with { Path = named };
        })];
    }

    /// <summary>
    /// One decoding pass keeps only one core and a half busy; a long window is cut into one contiguous segment
    /// per core, each decoded by its own ffmpeg from its own seek point, and the frames joined in order.
    /// </summary>
    private async Task<List<ExtractedFrame>> SegmentedPassAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var segments = Math.Min(settings.ParallelSeeks > 0 ? settings.ParallelSeeks : Environment.ProcessorCount, plan.Timestamps.Count / MinimumFramesPerSegment);
        if (segments < 2 || plan.End - plan.Start < MinimumSegmentSeconds * segments)
        {
            return await SinglePassAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken);
        }

        var size = (plan.Timestamps.Count + segments - 1) / segments;
        var chunks = plan.Timestamps.Chunk(size).ToList();
        var progress = new int[chunks.Count];
        var runs = chunks.Select((chunk, c) =>
        {
            var end = c + 1 < chunks.Count ? chunks[c + 1][0] : plan.End;
            var part = plan with { Timestamps = chunk, Start = chunk[0], End = end };
            return SinglePassAsync(input, media, extraction, part, Path.Combine(outputDirectory, Invariant($"segment{c}")), p =>
            {
                progress[c] = p;
                onProgress((int)progress.Average());
            }, cancellationToken);
        }).ToList();
        var parts = await Task.WhenAll(runs);
        var joined = new List<ExtractedFrame>();
        foreach (var part in parts)
        {
            var offset = joined.Count;
            joined.AddRange([.. part.Select(f => f with { Index = offset + f.Index })]);
        }

        return joined;
    }

    private async Task<List<ExtractedFrame>> SinglePassAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var times = new List<double>();
        string? selection = plan.Strategy switch
        {
            ExtractionStrategy.SinglePass => $"fps={(1 / extraction.IntervalSeconds).ToString("R", CultureInfo.InvariantCulture)}",
            ExtractionStrategy.Scene => Invariant($"select='eq(n\\,0)+gt(scene\\,{extraction.Threshold})'"),
            _ => null,
        };
        var limit = plan.Strategy == ExtractionStrategy.SinglePass ? plan.Timestamps.Count : plan.MaxFrames;
        List<string> arguments = ["-nostdin", "-hide_banner", .. ToolArguments.Limits(settings), "-loglevel", "info", "-nostats"];
        if (plan.Strategy == ExtractionStrategy.Keyframes)
        {
            arguments.AddRange(["-skip_frame", "nokey"]);
        }

        if (plan.Strategy != ExtractionStrategy.SinglePass)
        {
            arguments.Add("-copyts");
        }

        arguments.AddRange(Window(plan, media));
        arguments.AddRange(Input(input, settings));
        var fpsMode = plan.Strategy == ExtractionStrategy.SinglePass ? "cfr" : "passthrough";
        var thumbnails = Path.Combine(outputDirectory, "thumbs");
        Directory.CreateDirectory(thumbnails);
        arguments.AddRange(["-filter_complex", OutputEncoding.Graph(extraction, selection), "-map", "[frame]", "-fps_mode", fpsMode, "-frames:v", Invariant($"{limit}")]);
        arguments.AddRange(OutputEncoding.EncoderArguments(extraction));
        arguments.AddRange(["-y", Path.Combine(outputDirectory, $"%06d.{extraction.Extension}"), "-map", "[thumb]", "-fps_mode", fpsMode, "-frames:v", Invariant($"{limit}")]);
        arguments.AddRange(OutputEncoding.ThumbnailEncoder);
        arguments.AddRange(["-progress", "pipe:1", "-y", Path.Combine(thumbnails, "%06d.jpg")]);

        var span = Math.Max(plan.End - plan.Start, 0.001);
        var result = await Tools.RunAsync(settings.FfmpegPath, arguments,
            line =>
            {
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
                {
                    var seconds = (us / 1e6) - (plan.Strategy == ExtractionStrategy.SinglePass ? 0 : plan.Start + media.StartTime);
                    onProgress((int)Math.Clamp(seconds / span * 100, 0, 99));
                }
            },
            TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken,
            ShowInfo.CollectInto(times));
        ThrowIfFailed(result);

        var files = Directory.GetFiles(outputDirectory, $"*.{extraction.Extension}").Order(StringComparer.Ordinal).ToList();
        return [.. files.Select((path, i) => new ExtractedFrame(i + 1, Timestamp(plan, media, times, i), path)
        {
            ThumbnailPath = Path.Combine(thumbnails, Path.GetFileNameWithoutExtension(path) + ".jpg"),
        })];
    }

    /// <summary>
    /// Fast precision: each moment gets the keyframe at or before it. The keyframes' times come from the
    /// container's packet flags (nothing decoded); when they are not many more than the moments, one keyframe-only
    /// pass per core decodes just the keyframes and keeps the chosen ones, cheaper than a process per moment.
    /// </summary>
    private async Task<List<ExtractedFrame>> NearestKeyframesAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keys = await KeyframeTimesAsync(input, cancellationToken);
        var window = keys.Where(k => k >= plan.Start + media.StartTime - 1e-6 && k <= plan.End + media.StartTime).ToList();
        var chosen = plan.Timestamps
            .Select(t => keys.LastOrDefault(k => k <= t + media.StartTime + 1e-6, keys.FirstOrDefault()))
            .Distinct()
            .Order()
            .ToList();
        if (keys.Count == 0 || window.Count > KeyframesPerMomentForOnePass * chosen.Count)
        {
            return await SeekEachAsync(input, media, extraction, plan, outputDirectory, onProgress, cancellationToken);
        }

        var segments = Math.Clamp(settings.ParallelSeeks > 0 ? settings.ParallelSeeks : Environment.ProcessorCount, 1, chosen.Count);
        var parts = chosen.Chunk((chosen.Count + segments - 1) / segments).ToList();
        var done = 0;
        var results = await Task.WhenAll(parts.Select(async (part, c) =>
        {
            var directory = Path.Combine(outputDirectory, Invariant($"keys{c}"));
            var thumbnails = Path.Combine(directory, "thumbs");
            Directory.CreateDirectory(thumbnails);
            var select = "select='" + string.Join('+', part.Select(k => Invariant($"lt(abs(t-{k:0.######})\\,0.0005)"))) + "'";
            var times = new List<double>();
            List<string> arguments = ["-nostdin", "-hide_banner", .. ToolArguments.Limits(settings), "-loglevel", "info", "-nostats", "-skip_frame", "nokey", "-noaccurate_seek",
                "-ss", Invariant($"{part[0] + 0.0005:0.######}"), "-copyts"];
            arguments.AddRange(Input(input, settings));
            arguments.AddRange(["-filter_complex", OutputEncoding.Graph(extraction, select), "-map", "[frame]", "-fps_mode", "passthrough", "-frames:v", Invariant($"{part.Length}")]);
            arguments.AddRange(OutputEncoding.EncoderArguments(extraction));
            arguments.AddRange(["-y", Path.Combine(directory, $"%06d.{extraction.Extension}"), "-map", "[thumb]", "-fps_mode", "passthrough", "-frames:v", Invariant($"{part.Length}")]);
            arguments.AddRange(OutputEncoding.ThumbnailEncoder);
            arguments.AddRange(["-progress", "pipe:1", "-y", Path.Combine(thumbnails, "%06d.jpg")]);
            var result = await Tools.RunAsync(settings.FfmpegPath, arguments, null, TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken,
                ShowInfo.CollectInto(times));
            ThrowIfFailed(result);
            onProgress((int)Math.Min(99, Interlocked.Add(ref done, part.Length) * 100L / chosen.Count));
            var files = Directory.GetFiles(directory, $"*.{extraction.Extension}").Order(StringComparer.Ordinal).ToList();
            lock (times)
            {
                return files.Select((path, i) => (Time: (i < times.Count ? times[i] : part[Math.Min(i, part.Length - 1)]) - media.StartTime, Path: path,
                    Thumbnail: Path.Combine(thumbnails, Path.GetFileNameWithoutExtension(path) + ".jpg"))).ToList();
            }
        }));
        return [.. results.SelectMany(r => r).Select((f, i) => new ExtractedFrame(i + 1, Math.Max(0, f.Time), f.Path) { ThumbnailPath = f.Thumbnail })];
    }

    /// <summary>Keyframe times (container clock) from the packets' flags: read, not decoded.</summary>
    private async Task<List<double>> KeyframeTimesAsync(string input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keys = new List<double>();
        var result = await Tools.RunAsync(settings.FfprobePath,
            ["-v", "error", .. ToolArguments.Limits(settings), "-select_streams", "v:0",
             "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", .. ToolArguments.Input(input, settings.AllowedFormats)],
            line =>
            {
                var fields = line.Split(',');
                if (fields.Length >= 2 && fields[1].Contains('K', StringComparison.Ordinal)
                    && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
                {
                    keys.Add(time);
                }
            },
            TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken);
        ThrowIfFailed(result);
        keys.Sort();
        return keys;
    }

    private async Task<List<ExtractedFrame>> SeekEachAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var frames = new ConcurrentBag<ExtractedFrame>();
        var done = 0;
        var lastFrame = media.FrameRate > 0 ? 2 / media.FrameRate : 0.1;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.ParallelSeeks > 0 ? settings.ParallelSeeks : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(plan.Timestamps.Select((t, i) => (Time: t, Index: i)), parallel, async (target, ct) =>
        {
            // A moment at the very end has no frame after it to land on.
            var at = Math.Max(0, Math.Min(target.Time, media.DurationSeconds - lastFrame));
            var output = Path.Combine(outputDirectory, Invariant($"seek_{target.Index:000000}.{extraction.Extension}"));
            double? actual = null;
            List<string> arguments = ["-nostdin", "-hide_banner", .. ToolArguments.Limits(settings), "-loglevel", "info", "-nostats"];
            if (plan.Fast)
            {
                arguments.AddRange(["-skip_frame", "nokey", "-noaccurate_seek"]);
            }

            arguments.AddRange(["-ss", Invariant($"{at + media.StartTime:0.######}"), "-copyts"]);
            arguments.AddRange(Input(input, settings));
            var thumbnail = Path.ChangeExtension(output, ".thumb.jpg");
            arguments.AddRange(["-filter_complex", OutputEncoding.Graph(extraction), "-map", "[frame]", "-frames:v", "1"]);
            arguments.AddRange(OutputEncoding.EncoderArguments(extraction));
            arguments.AddRange(["-y", output, "-map", "[thumb]", "-frames:v", "1"]);
            arguments.AddRange(OutputEncoding.ThumbnailEncoder);
            arguments.AddRange(["-progress", "pipe:1", "-y", thumbnail]);
            var result = await Tools.RunAsync(settings.FfmpegPath, arguments, null, TimeSpan.FromSeconds(settings.StallTimeoutSeconds), ct,
                line => actual ??= ShowInfo.Time(line));
            ThrowIfFailed(result);
            if (!File.Exists(output))
            {
                throw new VideoRejectedException(Invariant($"No frame could be read at {target.Time:0.###} s; the file may be damaged there."));
            }

            frames.Add(new ExtractedFrame(target.Index + 1, Math.Max(0, (actual ?? at + media.StartTime) - media.StartTime), output) { ThumbnailPath = thumbnail });
            onProgress((int)Math.Min(99, Interlocked.Increment(ref done) * 100L / plan.Timestamps.Count));
        });
        return [.. frames.OrderBy(f => f.Index)];
    }

    private static double Timestamp(FramePlan plan, MediaInfo media, List<double> times, int index)
    {
        if (plan.Strategy == ExtractionStrategy.SinglePass)
        {
            return index < plan.Timestamps.Count ? plan.Timestamps[index] : plan.Start + (index * (plan.Timestamps.Count > 1 ? plan.Timestamps[1] - plan.Timestamps[0] : 0));
        }

        lock (times)
        {
            return index < times.Count ? Math.Max(0, times[index] - media.StartTime) : plan.Start;
        }
    }

    private static IEnumerable<string> Window(FramePlan plan, MediaInfo media)
    {
        if (plan.Start > 0)
        {
            yield return "-ss";
            yield return Invariant($"{plan.Start + media.StartTime:0.######}");
        }

        if (plan.End < media.DurationSeconds)
        {
            yield return "-t";
            yield return Invariant($"{plan.End - plan.Start:0.######}");
        }
    }

    private static string[] Input(string input, VideoWorkerOptions settings) => ToolArguments.Input(input, settings.AllowedFormats);

    private static void ThrowIfFailed(ToolResult result)
    {
        if (result.ExitCode == 0)
        {
            return;
        }

        throw new VideoRejectedException(RejectionReasons.Undecodable, new ToolFailedException(result.StandardError));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
