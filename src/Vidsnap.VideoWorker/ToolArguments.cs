using System.Globalization;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>
/// The one place ffmpeg and ffprobe argument lists are put together. Every run reads its input only as a local
/// file (or through the worker's own loopback reader of a stored source) and only as one of the allowed containers (a playlist or concat list renamed .mp4 is refused before it
/// can name another file or a URL), never reads standard input, and no single allocation may exceed what the
/// largest allowed frame needs.
/// </summary>
public static class ToolArguments
{
    /// <summary>What the extras read: the worker's own frames and thumbnails, some through concat lists it writes.</summary>
    public const string ImageFormats = "concat,image2,jpeg_pipe,png_pipe,webp_pipe";

    /// <summary>
    /// A crafted header can make a decoder ask for gigabytes; the largest allowed frame as 32-bit RGBA, twice
    /// over, is more than any legitimate single allocation. Total memory is not bounded here (see the README).
    /// </summary>
    public static string[] Limits(VideoWorkerOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bytes = Math.Clamp((long)settings.MaxWidth * settings.MaxHeight * 4 * 2, 64L << 20, int.MaxValue);
        return ["-max_alloc", bytes.ToString(CultureInfo.InvariantCulture)];
    }

    /// <summary>
    /// A local file, or the worker's own ranged reader of a stored source (<see cref="Sources.SourceRangeServer"/>):
    /// only that reader's loopback URLs may be read over http, and only as one of the allowed containers.
    /// </summary>
    public static string[] Input(string path, string formats) => Sources.SourceRangeServer.IsSourceUrl(path)
        ? ["-protocol_whitelist", "http,tcp", "-format_whitelist", formats,
            "-short_seek_size", Sources.SourceRangeServer.ShortSeekBytes.ToString(CultureInfo.InvariantCulture), "-i", path]
        : ["-protocol_whitelist", "file", "-format_whitelist", formats, "-i", "file:" + path];

    /// <summary>
    /// An extraction run's input. Read in place, each input's stream analysis would read seconds of video from the
    /// start of the file before its seek (5 MB by default, for every input of a batched run); the probe already
    /// found the streams, so a decode reads just enough to open them.
    /// </summary>
    public static string[] DecodeInput(string path, string formats) => Sources.SourceRangeServer.IsSourceUrl(path)
        ? ["-probesize", Sources.SourceRangeServer.DecodeProbeBytes.ToString(CultureInfo.InvariantCulture), .. Input(path, formats)]
        : Input(path, formats);

    /// <summary>The start of every ffmpeg run: no standard input, the allocation cap, showinfo's lines at "info".</summary>
    public static List<string> Ffmpeg(VideoWorkerOptions settings, string logLevel = "info") =>
        ["-nostdin", "-hide_banner", .. Limits(settings), "-loglevel", logLevel, "-nostats"];

    /// <summary>An ffprobe run on an uploaded video.</summary>
    public static List<string> Ffprobe(VideoWorkerOptions settings, string input, params string[] query)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ["-v", "error", "-hide_banner", .. Limits(settings), .. query, .. Input(input, settings.AllowedFormats)];
    }

    /// <summary>
    /// An extraction run: the flags before the input (seeks, keyframe skipping), the uploaded video, then two
    /// outputs of one filter graph: the frames as asked for and a small JPEG copy of each for the extras.
    /// </summary>
    public static List<string> ExtractFrames(VideoWorkerOptions settings, ExtractionOptions extraction, FrameOutputs outputs, IEnumerable<string> beforeInput, string input)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(outputs);
        var count = outputs.MaxFrames.ToString(CultureInfo.InvariantCulture);
        string[] timing = outputs.FpsMode is { } mode ? ["-fps_mode", mode, "-frames:v", count] : ["-frames:v", count];
        return
        [
            .. Ffmpeg(settings), .. beforeInput, .. DecodeInput(input, settings.AllowedFormats),
            "-filter_complex", OutputEncoding.Graph(extraction, outputs.Selection),
            "-map", "[frame]", .. timing, .. OutputEncoding.EncoderArguments(extraction), "-y", outputs.Frames,
            "-map", "[thumb]", .. timing, .. OutputEncoding.ThumbnailEncoder, "-progress", "pipe:1", "-y", outputs.Thumbnails,
        ];
    }
    /// <summary>
    /// Several moments in one run: each GOP group is an input of its own (seeking to its first moment and read no
    /// further than its last), picks its moments' frames with a select filter, and has two outputs, the frames and
    /// their thumbnails, named by the group (<c>g{n}_%06d</c>). showinfo is named <c>g{n}</c>, so each line says whose frame it is.
    /// </summary>
    public static List<string> ExtractMoments(VideoWorkerOptions settings, ExtractionOptions extraction, IReadOnlyList<MomentsInput> inputs, string input, string directory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(inputs);
        var arguments = Ffmpeg(settings);
        foreach (var group in inputs)
        {
            if (group.KeyframesOnly)
            {
                arguments.AddRange(["-skip_frame", "nokey", "-noaccurate_seek"]);
            }

            arguments.AddRange(["-threads", group.DecoderThreads.ToString(CultureInfo.InvariantCulture),
                "-ss", Invariant($"{group.Seek:0.######}"), "-t", Invariant($"{group.Duration:0.######}"), "-copyts", .. DecodeInput(input, settings.AllowedFormats)]);
        }

        var graph = inputs.Select((group, n) =>
            Invariant($"[{n}:v:0]") + string.Join(',', new[] { group.Selection, OutputEncoding.ScaleFilter(extraction), Invariant($"showinfo@g{n}"), Invariant($"split=2[f{n}][t{n}]") }.Where(f => !string.IsNullOrEmpty(f)))
            + Invariant($";[t{n}]scale='min({OutputEncoding.ThumbnailWidth},iw)':-2[h{n}]"));
        arguments.AddRange(["-filter_complex", string.Join(';', graph)]);
        for (var n = 0; n < inputs.Count; n++)
        {
            string[] timing = ["-fps_mode", "passthrough", "-frames:v", inputs[n].Frames.ToString(CultureInfo.InvariantCulture)];
            arguments.AddRange(["-map", Invariant($"[f{n}]"), .. timing, .. OutputEncoding.EncoderArguments(extraction), "-y", Path.Combine(directory, Invariant($"g{n}_%06d.{extraction.Extension}"))]);
            arguments.AddRange(["-map", Invariant($"[h{n}]"), .. timing, .. OutputEncoding.ThumbnailEncoder, "-y", Path.Combine(directory, Invariant($"g{n}_%06d.thumb.jpg"))]);
        }

        return arguments;
    }
}

/// <summary>
/// One input of a several-moment run: where it seeks, how long it reads, which frames it keeps (null: the first)
/// and how many; keyframes only: it decodes nothing but keyframes and takes the one its seek lands on.
/// </summary>
public sealed record MomentsInput(double Seek, double Duration, string? Selection, int Frames, int DecoderThreads, bool KeyframesOnly = false);

/// <summary>Where an extraction run writes (file names or %06d patterns), at most how many frames, picked by which filter.</summary>
public sealed record FrameOutputs(string Frames, string Thumbnails, int MaxFrames, string? Selection = null, string? FpsMode = null);
