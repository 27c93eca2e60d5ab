using System.Globalization;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Uploads;

/// <summary>The upload command's frame choices as the command line gives them.</summary>
internal sealed record FrameChoice(double? Interval, int? Count, string? Timestamps, string? Mode, string? Format, int? Width);

/// <summary>
/// Turns the command line's choices into the API's `options`, named and shaped as the api's validator reads
/// them (mode, intervalSeconds, count, timestamps, format jpeg|png|webp, width). Ranges are the server's to
/// check; what cannot be sent at all is a usage error here.
/// </summary>
internal static class FrameOptionsMapper
{
    public static FrameOptions? Map(FrameChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var picked = new[] { choice.Interval is not null, choice.Count is not null, choice.Timestamps is not null, choice.Mode is not null }.Count(p => p);
        if (picked > 1)
        {
            throw new UsageException("Choose one of --interval, --count, --timestamps and --mode.");
        }

        var options = choice switch
        {
            { Interval: { } seconds } => new FrameOptions { Mode = "interval", IntervalSeconds = seconds },
            { Count: { } count } => new FrameOptions { Mode = "count", Count = count },
            { Timestamps: { } list } => new FrameOptions { Mode = "timestamps", Timestamps = ParseTimestamps(list) },
            { Mode: { } mode } => new FrameOptions { Mode = ParseMode(mode) },
            _ => null,
        };

        if (choice.Format is { } format)
        {
            options = (options ?? new FrameOptions()) with { Format = ParseFormat(format) };
        }

        if (choice.Width is { } width)
        {
            options = (options ?? new FrameOptions()) with { Width = width };
        }

        return options;
    }

    private static List<double> ParseTimestamps(string list)
    {
        var moments = new List<double>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || !double.IsFinite(seconds))
            {
                throw new UsageException($"--timestamps takes seconds separated by commas, such as 1,2.5,10; '{part}' is not a number of seconds.");
            }

            moments.Add(seconds);
        }

        return moments.Count > 0 ? moments : throw new UsageException("--timestamps needs at least one moment, such as 1,2.5,10.");
    }

    private static string ParseMode(string mode) => mode.Trim() switch
    {
        var m when m.Equals("keyframes", StringComparison.OrdinalIgnoreCase) => "keyframes",
        var m when m.Equals("scene", StringComparison.OrdinalIgnoreCase) => "scene",
        _ => throw new UsageException($"--mode is keyframes or scene (for the others use --interval, --count or --timestamps); not '{mode}'."),
    };

    private static string ParseFormat(string format) => format.Trim() switch
    {
        var f when f.Equals("jpg", StringComparison.OrdinalIgnoreCase) || f.Equals("jpeg", StringComparison.OrdinalIgnoreCase) => "jpeg",
        var f when f.Equals("png", StringComparison.OrdinalIgnoreCase) => "png",
        var f when f.Equals("webp", StringComparison.OrdinalIgnoreCase) => "webp",
        _ => throw new UsageException($"--format is jpg, png or webp; not '{format}'."),
    };
}
