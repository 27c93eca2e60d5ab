using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Vidsnap.VideoWorker;

/// <summary>The files made from the frames: a poster, a storyboard (sprites + WebVTT, as trickplay) and a contact sheet (as vcsi).</summary>
public sealed record Extras(string PosterPath, IReadOnlyList<string> SpritePaths, string StoryboardVttPath, string ContactSheetPath);

/// <summary>
/// Builds the extras from the extracted frames, never from the video again: scaled copies fed to ffmpeg's
/// thumbnail, tile and drawtext filters through a concat list, so memory stays small whatever the frame size.
/// </summary>
public sealed class ExtrasBuilder(IOptions<VideoWorkerOptions> options, IToolRunner tools)
{
    public const int TileWidth = 160;
    public const int TilesPerRow = 10;
    public const int TilesPerSprite = TilesPerRow * TilesPerRow;
    private const int ContactSheetColumns = 4;
    private const int ContactSheetFrames = 24;

    public async Task<Extras> BuildAsync(IReadOnlyList<ExtractedFrame> frames, double videoEnd, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Directory.CreateDirectory(Path.Combine(directory, "storyboard"));
        var (width, height) = ImageSize.Read(frames[0].Path);
        var poster = Path.Combine(directory, "poster.jpg");
        var sheet = Path.Combine(directory, "contact_sheet.jpg");
        var vtt = Path.Combine(directory, "storyboard", "storyboard.vtt");
        // Three small, independent ffmpeg runs over the thumbnails: side by side.
        var storyboard = StoryboardAsync(frames, directory, cancellationToken);
        await Task.WhenAll(
            PosterAsync(frames, directory, poster, cancellationToken),
            storyboard,
            ContactSheetAsync(frames, directory, sheet, cancellationToken),
            File.WriteAllTextAsync(vtt, StoryboardVtt(frames, videoEnd, TileHeight(width, height)), cancellationToken));
        return new Extras(poster, await storyboard, vtt, sheet);
    }

    public static int TileHeight(int width, int height) => Math.Max(2, (int)Math.Round(TileWidth * (double)height / width / 2) * 2);

    /// <summary>Each frame's tile covers the time from its moment to the next frame's.</summary>
    public static string StoryboardVtt(IReadOnlyList<ExtractedFrame> frames, double videoEnd, int tileHeight)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < frames.Count; i++)
        {
            var from = frames[i].TimestampSeconds;
            var to = i + 1 < frames.Count ? frames[i + 1].TimestampSeconds : Math.Max(videoEnd, from + 0.001);
            var tile = i % TilesPerSprite;
            vtt.Append(CultureInfo.InvariantCulture,
                $"{Clock(from)} --> {Clock(to)}\nsprite_{(i / TilesPerSprite) + 1:000}.jpg#xywh={tile % TilesPerRow * TileWidth},{tile / TilesPerRow * tileHeight},{TileWidth},{tileHeight}\n\n");
        }

        return vtt.ToString();
    }

    private async Task PosterAsync(IReadOnlyList<ExtractedFrame> frames, string directory, string poster, CancellationToken cancellationToken)
    {
        // Pick on small copies: skip near-black frames, then ffmpeg's thumbnail picks the most typical of the rest.
        var list = await ConcatListAsync(frames, directory, "poster-list.txt", frames.Select(_ => 1.0).ToList(), cancellationToken);
        int? chosen = null;
        var batch = Math.Clamp(frames.Count, 2, 100);
        await RunAsync(
            required: false,
            ["-f", "concat", "-safe", "0", .. ToolArguments.Input(list, ToolArguments.ImageFormats),
             "-vf", Invariant($"blackframe=amount=0:threshold=32,metadata=select:key=lavfi.blackframe.pblack:value=90:function=less,thumbnail={batch},showinfo"),
             "-frames:v", "1", "-f", "null", "-"],
            cancellationToken, line => chosen ??= ShowInfo.Time(line) is { } second ? (int)Math.Round(second) : null);
        var source = frames[Math.Clamp(chosen ?? 0, 0, frames.Count - 1)].Path;
        await RunAsync([.. ToolArguments.Input(source, ToolArguments.ImageFormats), "-vf", "scale='min(1280,iw)':-2", "-q:v", "3", "-frames:v", "1", "-y", poster], cancellationToken);
    }

    private async Task<IReadOnlyList<string>> StoryboardAsync(IReadOnlyList<ExtractedFrame> frames, string directory, CancellationToken cancellationToken)
    {
        var list = await ConcatListAsync(frames, directory, "storyboard-list.txt", frames.Select(_ => 1.0).ToList(), cancellationToken);
        await RunAsync(
            ["-f", "concat", "-safe", "0", .. ToolArguments.Input(list, ToolArguments.ImageFormats), "-vf", Invariant($"scale={TileWidth}:-2,tile={TilesPerRow}x{TilesPerRow}"),
             "-fps_mode", "passthrough", "-q:v", "5", "-y", Path.Combine(directory, "storyboard", "sprite_%03d.jpg")],
            cancellationToken);
        return Directory.GetFiles(Path.Combine(directory, "storyboard"), "sprite_*.jpg").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Up to 24 frames spread over the video, four to a row, each with its time written on it.</summary>
    private async Task ContactSheetAsync(IReadOnlyList<ExtractedFrame> frames, string directory, string sheet, CancellationToken cancellationToken)
    {
        var count = Math.Min(ContactSheetFrames, frames.Count);
        var picked = Enumerable.Range(0, count).Select(i => frames[(int)((long)i * frames.Count / count)]).ToList();
        // The concat list's durations make each image's pts its moment in the video (minus the first one's).
        var durations = picked.Select((f, i) => i + 1 < picked.Count ? Math.Max(0.001, picked[i + 1].TimestampSeconds - f.TimestampSeconds) : 1).ToList();
        var list = await ConcatListAsync(picked, directory, "sheet-list.txt", durations, cancellationToken);
        var rows = (count + ContactSheetColumns - 1) / ContactSheetColumns;
        var first = picked[0].TimestampSeconds;
        await RunAsync(
            ["-f", "concat", "-safe", "0", .. ToolArguments.Input(list, ToolArguments.ImageFormats),
             "-vf", Invariant($"scale={OutputEncoding.ThumbnailWidth}:-2,drawtext=font=DejaVu Sans Mono:text='%{{pts\\:hms\\:{first:0.###}}}':x=6:y=h-th-6:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=3,tile={ContactSheetColumns}x{rows}:padding=4:margin=4"),
             "-frames:v", "1", "-q:v", "3", "-y", sheet],
            cancellationToken);
    }

    private static async Task<string> ConcatListAsync(IReadOnlyList<ExtractedFrame> frames, string directory, string name, List<double> durations, CancellationToken cancellationToken)
    {
        var list = new StringBuilder("ffconcat version 1.0\n");
        for (var i = 0; i < frames.Count; i++)
        {
            list.Append(CultureInfo.InvariantCulture, $"file '{(frames[i].ThumbnailPath ?? frames[i].Path).Replace("'", "'\\''", StringComparison.Ordinal)}'\nduration {durations[i]:0.######}\n");
        }

        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, list.ToString(), cancellationToken);
        return path;
    }

    private Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, Action<string>? onErrorLine = null) =>
        RunAsync(required: true, arguments, cancellationToken, onErrorLine);

    /// <summary>A step that is not required only improves a choice (the poster's); its failure falls back to a default.</summary>
    private async Task<ToolResult> RunAsync(bool required, IEnumerable<string> arguments, CancellationToken cancellationToken, Action<string>? onErrorLine = null)
    {
        var settings = options.Value;
        var result = await tools.RunAsync(settings.FfmpegPath,
            [.. ToolArguments.Ffmpeg(settings, onErrorLine is null ? "error" : "info"), "-progress", "pipe:1", .. arguments],
            null, TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken, onErrorLine);
        if (result.ExitCode != 0 && required)
        {
            throw new InvalidOperationException($"ffmpeg failed to build an extra: {result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
        }

        return result;
    }

    private static string Clock(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }
}
