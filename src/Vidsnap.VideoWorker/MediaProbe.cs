using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vidsnap.VideoWorker;

/// <summary>
/// Runs ffprobe on the local copy (or the worker's own reader of the stored source) and enforces the limits before anything is decoded; every rejection says
/// what is wrong in words the video's owner can act on.
/// </summary>
public sealed class MediaProbe(IOptions<VideoWorkerOptions> options, IToolRunner tools)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) =>
        ProbeAsync(path, new FileInfo(path).Length, _ => ValueTask.FromResult(IsoBoxes.DeclaredLength(path)), cancellationToken);

    /// <summary>
    /// Probes a local file or the worker's URL of a stored source (<see cref="Sources.SourceRangeServer"/>), of
    /// <paramref name="size"/> bytes; <paramref name="declaredLength"/> reads what an MP4's boxes say its length is.
    /// </summary>
    public async Task<MediaInfo> ProbeAsync(string path, long size, Func<CancellationToken, ValueTask<long?>> declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaredLength);
        var settings = options.Value;
        if (size == 0)
        {
            throw new VideoRejectedException(RejectionReasons.Empty);
        }

        var json = new StringBuilder();
        var result = await tools.RunAsync(settings.FfprobePath,
            ToolArguments.Ffprobe(settings, path, "-print_format", "json", "-show_format", "-show_streams"),
            line => json.AppendLine(line), ProbeTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new VideoRejectedException(RejectionReasons.Unreadable(result.StandardError), new ToolFailedException(result.StandardError));
        }

        var info = Check(Parse(json.ToString()), settings);
        if (info.Format.StartsWith("mov,", StringComparison.Ordinal) && await declaredLength(cancellationToken) is { } declared && declared > size)
        {
            throw new VideoRejectedException(RejectionReasons.Truncated(size, declared));
        }

        return info;
    }

    public static MediaInfo Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(e => e.TryGetProperty("codec_type", out var t) && t.GetString() == "video"
            && !(e.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1));
        if (video.ValueKind == JsonValueKind.Undefined)
        {
            throw new VideoRejectedException("The file has no video stream (is it audio only?). Upload a file that contains video.");
        }

        var format = root.TryGetProperty("format", out var f) ? f : default;
        var duration = Number(format, "duration") ?? Number(video, "duration") ?? 0;
        var rotation = Rotation(video);
        var width = video.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        var height = video.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        var sideways = Math.Abs(rotation) % 180 == 90;
        return new MediaInfo(
            format.ValueKind == JsonValueKind.Object && format.TryGetProperty("format_name", out var name) ? name.GetString() ?? "" : "",
            duration,
            video.TryGetProperty("codec_name", out var codec) ? codec.GetString() ?? "unknown" : "unknown",
            sideways ? height : width,
            sideways ? width : height,
            Rate(video, "avg_frame_rate") ?? Rate(video, "r_frame_rate") ?? 0,
            streams.Count,
            Number(format, "start_time") ?? 0,
            rotation);
    }

    public static MediaInfo Check(MediaInfo info, VideoWorkerOptions limits)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(limits);
        if (info.DurationSeconds <= 0 || double.IsNaN(info.DurationSeconds))
        {
            throw new VideoRejectedException("The video's duration cannot be determined; the file may be truncated. Re-export it and upload it again.");
        }

        if (info.DurationSeconds > limits.MaxDurationSeconds)
        {
            throw new VideoRejectedException(Invariant($"The video lasts {Clock(info.DurationSeconds)}, longer than the limit of {Clock(limits.MaxDurationSeconds)}. Trim it and upload it again."));
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new VideoRejectedException("The video's frame size cannot be determined; the file may be damaged.");
        }

        if (info.Width > limits.MaxWidth || info.Height > limits.MaxHeight)
        {
            throw new VideoRejectedException(Invariant($"The video is {info.Width}x{info.Height}, larger than the limit of {limits.MaxWidth}x{limits.MaxHeight}. Scale it down and upload it again."));
        }

        if (info.FrameRate > limits.MaxFrameRate)
        {
            throw new VideoRejectedException(Invariant($"The video has {info.FrameRate:0.#} frames per second, more than the limit of {limits.MaxFrameRate:0.#}. Re-encode it at a lower frame rate and upload it again."));
        }

        if (info.StreamCount > limits.MaxStreams)
        {
            throw new VideoRejectedException(Invariant($"The file has {info.StreamCount} streams, more than the limit of {limits.MaxStreams}. Remove the extra audio or subtitle tracks and upload it again."));
        }

        return info;
    }

    private static double? Number(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The display rotation, from the display matrix side data or the older rotate tag.</summary>
    private static int Rotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var rotation) && rotation.ValueKind == JsonValueKind.Number)
                {
                    return (int)rotation.GetDouble();
                }
            }
        }

        return video.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var rotate)
            && int.TryParse(rotate.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var degrees) ? degrees : 0;
    }

    private static double? Rate(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.GetString() is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && d > 0
            ? n / d
            : null;
    }

    private static string Clock(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture);
}
