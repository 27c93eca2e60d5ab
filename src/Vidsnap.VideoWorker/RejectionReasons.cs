using System.Text.RegularExpressions;

namespace Vidsnap.VideoWorker;

/// <summary>
/// Turns what ffprobe and ffmpeg print into words the video's owner can act on. Their own lines name the
/// worker's scratch paths and library internals, so they go to the log, never into a reason.
/// </summary>
public static partial class RejectionReasons
{
    public const string Supported = "Upload an MP4, MOV, MKV, WebM or AVI video.";

    public const string Empty = "The uploaded file is empty (0 bytes). Upload the video again.";

    public static string Unreadable(string toolOutput)
    {
        ArgumentNullException.ThrowIfNull(toolOutput);
        if (ProtocolRefused().IsMatch(toolOutput))
        {
            return "The file refers to other files or network addresses, which Vidsnap never follows. Upload the video file itself. " + Supported;
        }

        if (FormatRefused().Match(toolOutput) is { Success: true } refused)
        {
            return $"The file is {Describe(refused.Groups["format"].Value)}, not a video Vidsnap reads; playlists and lists of other files are refused. {Supported}";
        }

        if (toolOutput.Contains("moov atom not found", StringComparison.Ordinal))
        {
            return "The file is not a video Vidsnap can read: it looks like an MP4 or MOV whose index (the moov atom) is missing, "
                + "which happens when a recording or an export is cut short. Re-export it and upload it again.";
        }

        return $"The file is not a video Vidsnap can read: its contents match no supported video format. {Supported}";
    }

    public static string Truncated(long size, long declared) =>
        $"The file is cut short: it has {size} bytes but its own structure says {declared}. Upload the whole file again, or re-export it.";

    public const string Undecodable = "The video could not be decoded: part of its data is damaged or missing. Re-export it and upload it again.";

    private static string Describe(string format) => format switch
    {
        "hls" or "applehttp" => "an HLS playlist",
        "concat" => "an ffconcat list",
        "" => "in a format",
        _ => $"in the {format} format",
    };

    [GeneratedRegex(@"Protocol '[^']*' not on whitelist")]
    private static partial Regex ProtocolRefused();

    [GeneratedRegex(@"\[(?<format>[a-z0-9_,]*) @ [^\]]*\] Format not on whitelist")]
    private static partial Regex FormatRefused();
}
