using System.Globalization;
using System.Text.RegularExpressions;

namespace Vidsnap.VideoWorker;

/// <summary>Reads the time of each frame from the lines ffmpeg's showinfo filter writes to standard error.</summary>
public static partial class ShowInfo
{
    public static double? Time(string line)
    {
        var match = PtsTime().Match(line);
        return match.Success && double.TryParse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ? time : null;
    }

    /// <summary>A standard-error handler that appends each frame's time to the list, under its lock.</summary>
    public static Action<string> CollectInto(List<double> times) => line =>
    {
        if (Time(line) is { } time)
        {
            lock (times)
            {
                times.Add(time);
            }
        }
    };

    /// <summary>Which input's showinfo (named <c>showinfo@g{n}</c> in a several-moment run) wrote the line.</summary>
    public static int? Group(string line)
    {
        var match = GroupName().Match(line);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out var group) ? group : null;
    }

    [GeneratedRegex(@"^\[showinfo@g([0-9]+) @")]
    private static partial Regex GroupName();

    [GeneratedRegex(@"(?:Parsed_showinfo|showinfo@g[0-9]+).*\bpts_time:\s*(-?[0-9.]+)")]
    private static partial Regex PtsTime();
}
