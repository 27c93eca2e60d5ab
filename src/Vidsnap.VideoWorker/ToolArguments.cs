using System.Globalization;

namespace Vidsnap.VideoWorker;

/// <summary>
/// The flags every ffmpeg and ffprobe run carries: each input is read only as a local file and only as one of
/// the allowed containers (a playlist or concat list renamed .mp4 is refused before it can name another file
/// or a URL), and no single allocation may exceed what the largest allowed frame needs.
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
}
