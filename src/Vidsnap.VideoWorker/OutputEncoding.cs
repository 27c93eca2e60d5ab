using System.Globalization;
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

    /// <summary>The -vf value: the caller's own filters first, then the scale, then showinfo to learn each frame's time.</summary>
    public static string Filters(ExtractionOptions options, params string?[] before) =>
        string.Join(',', before.Append(ScaleFilter(options)).Append("showinfo").Where(f => !string.IsNullOrEmpty(f)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
