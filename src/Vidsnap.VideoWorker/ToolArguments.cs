using System.Globalization;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>
/// The one place ffmpeg and ffprobe argument lists are put together. Every run reads its input only as a local
/// file and only as one of the allowed containers (a playlist or concat list renamed .mp4 is refused before it
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

    public static string[] Input(string path, string formats) =>
        ["-protocol_whitelist", "file", "-format_whitelist", formats, "-i", "file:" + path];

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
            .. Ffmpeg(settings), .. beforeInput, .. Input(input, settings.AllowedFormats),
            "-filter_complex", OutputEncoding.Graph(extraction, outputs.Selection),
            "-map", "[frame]", .. timing, .. OutputEncoding.EncoderArguments(extraction), "-y", outputs.Frames,
            "-map", "[thumb]", .. timing, .. OutputEncoding.ThumbnailEncoder, "-progress", "pipe:1", "-y", outputs.Thumbnails,
        ];
    }
}

/// <summary>Where an extraction run writes (file names or %06d patterns), at most how many frames, picked by which filter.</summary>
public sealed record FrameOutputs(string Frames, string Thumbnails, int MaxFrames, string? Selection = null, string? FpsMode = null);
