using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>The ffmpeg filter and encoder arguments that give the frames the requested size, format and quality.</summary>
public static class OutputEncoding
{
    /// <summary>Fits the frame inside the width/height box, keeping its aspect ratio, never enlarging it.</summary>
    public static string? ScaleFilter(ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.Width, options.Height) switch
        {
            (null, null) => null,
            ({ } w, null) => Invariant($"scale='min({w},iw)':-2"),
            (null, { } h) => Invariant($"scale=-2:'min({h},ih)'"),
            ({ } w, { } h) => Invariant($"scale='min({w},iw)':'min({h},ih)':force_original_aspect_ratio=decrease"),
        };
    }

    public static IReadOnlyList<string> EncoderArguments(ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Format switch
        {
            ExtractionOptions.Png => ["-c:v", "png", "-pix_fmt", "rgb24"],
            ExtractionOptions.Webp => ["-c:v", "libwebp", "-quality", Invariant($"{options.Quality}")],
            // ffmpeg's JPEG scale runs from 2 (best) to 31; quality 100 maps to 2, 1 to 31.
            _ => ["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", Invariant($"{Math.Round(2 + ((100 - options.Quality) * 29.0 / 99))}")],
        };
    }

    public const int ThumbnailWidth = 320;

    /// <summary>
    /// The -filter_complex value: the caller's own filters, the scale, showinfo (to learn each frame's time), then
    /// a split into [frame] and a small [thumb] copy, so the extras never decode full-size frames again.
    /// </summary>
    public static string Graph(ExtractionOptions options, params string?[] before) =>
        "[0:v:0]" + string.Join(',', before.Append(ScaleFilter(options)).Append("showinfo").Append("split=2[frame][t]").Where(f => !string.IsNullOrEmpty(f)))
        + Invariant($";[t]scale='min({ThumbnailWidth},iw)':-2[thumb]");

    public static IReadOnlyList<string> ThumbnailEncoder { get; } = ["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "4"];
}
