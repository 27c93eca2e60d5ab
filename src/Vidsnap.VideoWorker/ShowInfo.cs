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

    [GeneratedRegex(@"Parsed_showinfo.*\bpts_time:\s*(-?[0-9.]+)")]
    private static partial Regex PtsTime();
}
