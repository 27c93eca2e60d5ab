using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>
/// Runs a frame plan with ffmpeg, one method per <see cref="ExtractionStrategy"/>. Each frame's real time comes
/// from ffmpeg's showinfo, so what the manifest reports is what was taken.
/// </summary>
public sealed class FrameExtractor(IOptions<VideoWorkerOptions> options, IToolRunner tools)
{
    private const int MinimumFramesPerSegment = 8;
    private const double MinimumSegmentSeconds = 15;

    /// <summary>Up to this many keyframes per wanted moment, decoding every keyframe beats one process per moment.</summary>
    private const int KeyframesPerMomentForOnePass = 8;

    private VideoWorkerOptions Settings => options.Value;

    private int Parallelism => Settings.ParallelSeeks > 0 ? Settings.ParallelSeeks : Environment.ProcessorCount;

    /// <param name="keyframes">The keyframe index when it is already being read (<see cref="ReadKeyframesAsync"/>); otherwise read here if the plan needs it.</param>
    public async Task<IReadOnlyList<ExtractedFrame>> ExtractAsync(
        string input, MediaInfo media, ExtractionOptions extraction, FramePlan plan, string outputDirectory, Action<int> onProgress, Task<List<double>>? keyframes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(onProgress);
        Directory.CreateDirectory(outputDirectory);
        var run = new Run(input, media, extraction, plan, onProgress,
            new Lazy<Task<List<double>>>(() => keyframes ?? ReadKeyframesAsync(input, cancellationToken)), cancellationToken);
        var frames = plan.Strategy switch
        {
            ExtractionStrategy.FpsFilterDecode => await FpsFilterDecodeAsync(run, outputDirectory),
            ExtractionStrategy.InputSeekPerMoment => await BatchedSeeksAsync(run, outputDirectory),
            ExtractionStrategy.NearestKeyframes => await NearestKeyframesAsync(run, outputDirectory),
            _ => await DecodeWindowAsync(run, outputDirectory),
        };
        if (frames.Count == 0)
        {
            throw new VideoRejectedException(plan.Strategy == ExtractionStrategy.SceneFilterDecode
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
    /// per core, each decoded through the fps filter by its own ffmpeg from its own seek point, and the frames
    /// joined in order. A short window is one pass.
    /// </summary>
    private async Task<List<ExtractedFrame>> FpsFilterDecodeAsync(Run run, string outputDirectory)
    {
        var plan = run.Plan;
        var segments = Math.Min(Parallelism, plan.Timestamps.Count / MinimumFramesPerSegment);
        if (segments < 2 || plan.End - plan.Start < MinimumSegmentSeconds * segments)
        {
            return await DecodeWindowAsync(run, outputDirectory);
        }

        var size = (plan.Timestamps.Count + segments - 1) / segments;
        var chunks = plan.Timestamps.Chunk(size).ToList();
        var progress = new int[chunks.Count];
        var parts = await Task.WhenAll(chunks.Select((chunk, c) =>
        {
            var end = c + 1 < chunks.Count ? chunks[c + 1][0] : plan.End;
            var segment = run with
            {
                Plan = plan with { Timestamps = chunk, Start = chunk[0], End = end },
                OnProgress = p =>
                {
                    progress[c] = p;
                    run.OnProgress((int)progress.Average());
                },
            };
            return DecodeWindowAsync(segment, Path.Combine(outputDirectory, Invariant($"segment{c}")));
        }));
        var joined = new List<ExtractedFrame>();
        foreach (var part in parts)
        {
            var offset = joined.Count;
            joined.AddRange([.. part.Select(f => f with { Index = offset + f.Index })]);
        }

        return joined;
    }

    /// <summary>
    /// One ffmpeg decoding the plan's window: through the fps filter (a dense interval), through the scene
    /// filter, or keyframes only.
    /// </summary>
    private async Task<List<ExtractedFrame>> DecodeWindowAsync(Run run, string outputDirectory)
    {
        var (media, extraction, plan) = (run.Media, run.Extraction, run.Plan);
        var fpsFilter = plan.Strategy == ExtractionStrategy.FpsFilterDecode;
        var selection = plan.Strategy switch
        {
            ExtractionStrategy.FpsFilterDecode => $"fps={(1 / extraction.IntervalSeconds).ToString("R", CultureInfo.InvariantCulture)}",
            ExtractionStrategy.SceneFilterDecode => Invariant($"select='eq(n\\,0)+gt(scene\\,{extraction.Threshold})'"),
            // -skip_frame nokey is a hint some decoders ignore (VP9 in ffmpeg 5.1 decodes and returns every frame): the select keeps only keyframes whatever the decoder did.
            ExtractionStrategy.KeyframesOnlyDecode => "select='eq(key\\,1)'",
            _ => null,
        };
        List<string> beforeInput = plan.Strategy == ExtractionStrategy.KeyframesOnlyDecode ? ["-skip_frame", "nokey"] : [];
        if (!fpsFilter)
        {
            beforeInput.Add("-copyts");
        }

        beforeInput.AddRange(Window(plan, media));
        var thumbnails = Path.Combine(outputDirectory, "thumbs");
        Directory.CreateDirectory(thumbnails);
        var outputs = new FrameOutputs(
            Path.Combine(outputDirectory, $"%06d.{extraction.Extension}"), Path.Combine(thumbnails, "%06d.jpg"),
            fpsFilter ? plan.Timestamps.Count : plan.MaxFrames, selection, fpsFilter ? "cfr" : "passthrough");

        var times = new List<double>();
        var span = Math.Max(plan.End - plan.Start, 0.001);
        var result = await tools.RunAsync(Settings.FfmpegPath, ToolArguments.ExtractFrames(Settings, extraction, outputs, beforeInput, run.Input),
            line =>
            {
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
                {
                    var seconds = (us / 1e6) - (fpsFilter ? 0 : plan.Start + media.StartTime);
                    run.OnProgress((int)Math.Clamp(seconds / span * 100, 0, 99));
                }
            },
            TimeSpan.FromSeconds(Settings.StallTimeoutSeconds), run.CancellationToken,
            ShowInfo.CollectInto(times));
        ThrowIfFailed(result);

        var files = Directory.GetFiles(outputDirectory, $"*.{extraction.Extension}").Order(StringComparer.Ordinal).ToList();
        return [.. files.Select((path, i) => new ExtractedFrame(i + 1, Timestamp(plan, media, times, i), path)
        {
            ThumbnailPath = Path.Combine(thumbnails, Path.GetFileNameWithoutExtension(path) + ".jpg"),
        })];
    }

    /// <summary>
    /// Each moment gets the keyframe at or before it. The keyframes' times come from the container's packet
    /// flags (nothing decoded); when they are not many more than the moments, one keyframe-only pass per core
    /// decodes just the keyframes and keeps the chosen ones, cheaper than a process per moment.
    /// </summary>
    private async Task<List<ExtractedFrame>> NearestKeyframesAsync(Run run, string outputDirectory)
    {
        var (media, extraction, plan) = (run.Media, run.Extraction, run.Plan);
        var keys = await run.Keyframes.Value;
        var window = keys.Where(k => k >= plan.Start + media.StartTime - 1e-6 && k <= plan.End + media.StartTime).ToList();
        var chosen = plan.Timestamps
            .Select(t => keys.LastOrDefault(k => k <= t + media.StartTime + 1e-6, keys.FirstOrDefault()))
            .Distinct()
            .Order()
            .ToList();
        if (keys.Count == 0)
        {
            return await InputSeekPerMomentAsync(run, outputDirectory, keyframesOnly: true);
        }

        if (window.Count > KeyframesPerMomentForOnePass * chosen.Count || !SkipsNonKeyframes(media.Codec))
        {
            // Keyframes far more than the moments (a phone's keyframe a second), or a decoder that would decode every
            // frame of a pass (VP9's ignores -skip_frame nokey): each chosen keyframe is an input that decodes it
            // alone, batched into one ffmpeg per core rather than one ffmpeg per moment.
            var atKeyframes = run with { Plan = plan with { Timestamps = [.. chosen.Select(k => Math.Max(0, k - media.StartTime))] } };
            return await BatchedSeeksAsync(atKeyframes, outputDirectory, keyframesOnly: true);
        }

        var segments = Math.Clamp(Parallelism, 1, chosen.Count);
        var parts = chosen.Chunk((chosen.Count + segments - 1) / segments).ToList();
        var done = 0;
        var results = await Task.WhenAll(parts.Select(async (part, c) =>
        {
            var directory = Path.Combine(outputDirectory, Invariant($"keys{c}"));
            var thumbnails = Path.Combine(directory, "thumbs");
            Directory.CreateDirectory(thumbnails);
            var select = "select='" + string.Join('+', part.Select(k => Invariant($"lt(abs(t-{k:0.######})\\,0.0005)"))) + "'";
            var outputs = new FrameOutputs(
                Path.Combine(directory, $"%06d.{extraction.Extension}"), Path.Combine(thumbnails, "%06d.jpg"), part.Length, select, "passthrough");
            string[] beforeInput = ["-skip_frame", "nokey", "-noaccurate_seek", "-ss", Invariant($"{part[0] + 0.0005:0.######}"), "-copyts"];
            var times = new List<double>();
            var result = await tools.RunAsync(Settings.FfmpegPath, ToolArguments.ExtractFrames(Settings, extraction, outputs, beforeInput, run.Input),
                null, TimeSpan.FromSeconds(Settings.StallTimeoutSeconds), run.CancellationToken, ShowInfo.CollectInto(times));
            ThrowIfFailed(result);
            run.OnProgress((int)Math.Min(99, Interlocked.Add(ref done, part.Length) * 100L / chosen.Count));
            var files = Directory.GetFiles(directory, $"*.{extraction.Extension}").Order(StringComparer.Ordinal).ToList();
            lock (times)
            {
                return files.Select((path, i) => (Time: (i < times.Count ? times[i] : part[Math.Min(i, part.Length - 1)]) - media.StartTime, Path: path,
                    Thumbnail: Path.Combine(thumbnails, Path.GetFileNameWithoutExtension(path) + ".jpg"))).ToList();
            }
        }));
        return [.. results.SelectMany(r => r).Select((f, i) => new ExtractedFrame(i + 1, Math.Max(0, f.Time), f.Path) { ThumbnailPath = f.Thumbnail })];
    }

    /// <summary>Decoders that honour -skip_frame nokey, so a keyframe-only pass decodes keyframes and nothing else.</summary>
    private static bool SkipsNonKeyframes(string codec) => codec is "h264" or "hevc" or "mpeg2video" or "mpeg4";

    /// <summary>
    /// Keyframe times (container clock) from the packets' flags: read, not decoded. With <paramref name="intervals"/>
    /// (ffprobe's -read_intervals), only the packets of those windows are read: a segment's, or those around the cuts.
    /// </summary>
    public async Task<List<double>> ReadKeyframesAsync(string input, CancellationToken cancellationToken, string? intervals = null)
    {
        var keys = new List<double>();
        string[] query = ["-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0"];
        var result = await tools.RunAsync(Settings.FfprobePath,
            ToolArguments.Ffprobe(Settings, input, intervals is null ? query : ["-read_intervals", intervals, .. query]),
            line =>
            {
                var fields = line.Split(',');
                if (fields.Length >= 2 && fields[1].Contains('K', StringComparison.Ordinal)
                    && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
                {
                    keys.Add(time);
                }
            },
            TimeSpan.FromSeconds(Settings.StallTimeoutSeconds), cancellationToken);
        ThrowIfFailed(result);
        keys.Sort();
        return [.. keys.Distinct()];
    }

    /// <summary>
    /// Exact moments in one ffmpeg per core: the keyframe index costs each moment, moments of one GOP are read by
    /// one input (decoded once), and <see cref="SeekBatchPlanner"/> balances the inputs over the processes. Each
    /// input reads no further than its last moment. A moment whose frame a batch did not give (a gap in the
    /// video after it) is taken again on its own, without the read limit.
    /// </summary>
    private async Task<List<ExtractedFrame>> BatchedSeeksAsync(Run run, string outputDirectory, bool keyframesOnly = false)
    {
        var (media, extraction, plan) = (run.Media, run.Extraction, run.Plan);
        var lastFrame = media.FrameRate > 0 ? 2 / media.FrameRate : 0.1;
        var frameTime = media.FrameRate > 0 ? 1 / media.FrameRate : 0.04;
        var moments = plan.Timestamps.Select((t, i) => new Moment(i, Math.Max(0, Math.Min(t, media.DurationSeconds - lastFrame)))).ToList();
        var keys = (await run.Keyframes.Value).Select(k => k - media.StartTime).ToList();
        var batches = SeekBatchPlanner.Plan(moments, keys, media.FrameRate, Parallelism, Settings.MaxInputsPerRun);
        var frames = new ConcurrentBag<ExtractedFrame>();
        var missing = new ConcurrentBag<Moment>();
        var done = 0;
        await Task.WhenAll(batches.Select(async (batch, b) =>
        {
            var directory = Path.Combine(outputDirectory, Invariant($"batch{b}"));
            Directory.CreateDirectory(directory);
            // A keyframe-only seek lands on the keyframe at or before it: half a millisecond past the keyframe, so
            // a time printed to 6 decimals cannot land a tick before it and take the one before.
            var inputs = batch.Groups.Select(g => new MomentsInput(
                g.First + media.StartTime + (keyframesOnly ? 0.0005 : 0),
                g.Last - g.First + Math.Max(0.5, 4 * frameTime),
                g.Moments.Count == 1 ? null : "select='eq(n\\,0)" + string.Concat(g.Moments.Skip(1).Select(m => Invariant($"+gte(t\\,{m.Time + media.StartTime:0.######})*lt(prev_t\\,{m.Time + media.StartTime:0.######})"))) + "'",
                g.Moments.Count,
                DecoderThreads: 1,
                KeyframesOnly: keyframesOnly)).ToList();
            var times = new ConcurrentDictionary<int, List<double>>();
            var result = await tools.RunAsync(Settings.FfmpegPath, ToolArguments.ExtractMoments(Settings, extraction, inputs, run.Input, directory),
                null, TimeSpan.FromSeconds(Settings.StallTimeoutSeconds), run.CancellationToken,
                line =>
                {
                    if (ShowInfo.Group(line) is { } group && ShowInfo.Time(line) is { } time)
                    {
                        var list = times.GetOrAdd(group, _ => []);
                        lock (list)
                        {
                            list.Add(time);
                        }
                    }
                });
            ThrowIfFailed(result);
            for (var g = 0; g < batch.Groups.Count; g++)
            {
                var got = times.TryGetValue(g, out var list) ? list : [];
                var moments = batch.Groups[g].Moments;
                for (var m = 0; m < moments.Count; m++)
                {
                    var path = Path.Combine(directory, Invariant($"g{g}_{m + 1:000000}.{extraction.Extension}"));
                    if (m < got.Count && File.Exists(path))
                    {
                        frames.Add(new ExtractedFrame(moments[m].Index + 1, Math.Max(0, got[m] - media.StartTime), path)
                        {
                            ThumbnailPath = Path.Combine(directory, Invariant($"g{g}_{m + 1:000000}.thumb.jpg")),
                        });
                    }
                    else
                    {
                        missing.Add(moments[m]);
                    }
                }
            }

            run.OnProgress((int)Math.Min(99, Interlocked.Add(ref done, batch.Groups.Sum(g => g.Moments.Count)) * 100L / moments.Count));
        }));

        if (!missing.IsEmpty)
        {
            var again = run with { Plan = plan with { Timestamps = [.. missing.OrderBy(m => m.Index).Select(m => m.Time)] } };
            var retaken = await InputSeekPerMomentAsync(again, Path.Combine(outputDirectory, "retaken"), keyframesOnly);
            var order = missing.OrderBy(m => m.Index).ToList();
            foreach (var frame in retaken)
            {
                frames.Add(frame with { Index = order[frame.Index - 1].Index + 1 });
            }
        }

        return [.. frames.OrderBy(f => f.Index)];
    }

    /// <summary>One ffmpeg per moment, seeking on the input; with keyframesOnly, it takes the keyframe the seek lands on.</summary>
    private async Task<List<ExtractedFrame>> InputSeekPerMomentAsync(Run run, string outputDirectory, bool keyframesOnly)
    {
        var (media, extraction, plan) = (run.Media, run.Extraction, run.Plan);
        var frames = new ConcurrentBag<ExtractedFrame>();
        var done = 0;
        var lastFrame = media.FrameRate > 0 ? 2 / media.FrameRate : 0.1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = run.CancellationToken };
        await Parallel.ForEachAsync(plan.Timestamps.Select((t, i) => (Time: t, Index: i)), parallel, async (target, ct) =>
        {
            // A moment at the very end has no frame after it to land on.
            var at = Math.Max(0, Math.Min(target.Time, media.DurationSeconds - lastFrame));
            var output = Path.Combine(outputDirectory, Invariant($"seek_{target.Index:000000}.{extraction.Extension}"));
            var thumbnail = Path.ChangeExtension(output, ".thumb.jpg");
            List<string> beforeInput = keyframesOnly ? ["-skip_frame", "nokey", "-noaccurate_seek"] : [];
            // As in a batch: a keyframe-only seek to a keyframe's own time lands half a millisecond past it.
            beforeInput.AddRange(["-ss", Invariant($"{at + media.StartTime + (keyframesOnly ? 0.0005 : 0):0.######}"), "-copyts"]);
            double? actual = null;
            var result = await tools.RunAsync(Settings.FfmpegPath,
                ToolArguments.ExtractFrames(Settings, extraction, new FrameOutputs(output, thumbnail, 1), beforeInput, run.Input),
                null, TimeSpan.FromSeconds(Settings.StallTimeoutSeconds), ct, line => actual ??= ShowInfo.Time(line));
            ThrowIfFailed(result);
            if (!File.Exists(output))
            {
                throw new VideoRejectedException(Invariant($"No frame could be read at {target.Time:0.###} s; the file may be damaged there."));
            }

            frames.Add(new ExtractedFrame(target.Index + 1, Math.Max(0, (actual ?? at + media.StartTime) - media.StartTime), output) { ThumbnailPath = thumbnail });
            run.OnProgress((int)Math.Min(99, Interlocked.Increment(ref done) * 100L / plan.Timestamps.Count));
        });
        return [.. frames.OrderBy(f => f.Index)];
    }

    private static double Timestamp(FramePlan plan, MediaInfo media, List<double> times, int index)
    {
        if (plan.Strategy == ExtractionStrategy.FpsFilterDecode)
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

    private static void ThrowIfFailed(ToolResult result)
    {
        if (result.ExitCode == 0)
        {
            return;
        }

        throw new VideoRejectedException(RejectionReasons.Undecodable, new ToolFailedException(result.StandardError));
    }

    /// <summary>One extraction: what is read, what was found in it, what is asked, and where progress goes.</summary>
    private sealed record Run(
        string Input, MediaInfo Media, ExtractionOptions Extraction, FramePlan Plan, Action<int> OnProgress, Lazy<Task<List<double>>> Keyframes, CancellationToken CancellationToken);
}
