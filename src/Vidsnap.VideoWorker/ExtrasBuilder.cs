using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Vidsnap.VideoWorker;

/// <summary>
/// The files made from the frames: a poster (and its list-size copy), a storyboard (sprites + WebVTT, as
/// trickplay) and a contact sheet (as vcsi).
/// </summary>
public sealed record Extras(string PosterPath, IReadOnlyList<string> SpritePaths, string StoryboardVttPath, string ContactSheetPath, string PosterThumbnailPath);

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
        var posterThumbnail = Path.Combine(directory, "poster_thumb.jpg");
        var sheet = Path.Combine(directory, "contact_sheet.jpg");
        var vtt = Path.Combine(directory, "storyboard", "storyboard.vtt");
        var writeVtt = File.WriteAllTextAsync(vtt, StoryboardVtt(frames, videoEnd, TileHeight(width, height)), cancellationToken);
        var chosen = await SheetsAsync(frames, directory, sheet, cancellationToken);
        var posterFrame = frames[Math.Clamp(chosen ?? 0, 0, frames.Count - 1)];
        await PosterAsync(posterFrame, poster, cancellationToken);
        // The poster's list-size copy is its frame's thumbnail, already made by the extraction's own pass.
        await ThumbnailAsync(posterFrame, posterThumbnail, cancellationToken);
        await writeVtt;
        var sprites = Directory.GetFiles(Path.Combine(directory, "storyboard"), "sprite_*.jpg").Order(StringComparer.Ordinal).ToList();
        return new Extras(poster, sprites, vtt, sheet, posterThumbnail);
    }

    /// <summary>
    /// Every frame with its thumbnail on disk. Each extraction pass makes them beside the frames; one it did
    /// not (none known today) is made here from the frame, one small ffmpeg per missing thumbnail.
    /// </summary>
    public async Task<IReadOnlyList<ExtractedFrame>> WithThumbnailsAsync(IReadOnlyList<ExtractedFrame> frames, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var missing = frames.Where(f => f.ThumbnailPath is null || !File.Exists(f.ThumbnailPath)).ToList();
        if (missing.Count == 0)
        {
            return frames;
        }

        Directory.CreateDirectory(directory);
        var made = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(missing, parallel, async (frame, ct) =>
        {
            var thumbnail = Path.Combine(directory, Path.ChangeExtension(Path.GetFileName(frame.Path), ".thumb.jpg"));
            await ThumbnailAsync(frame with { ThumbnailPath = null }, thumbnail, ct);
            made[frame.Path] = thumbnail;
        });
        return [.. frames.Select(f => made.TryGetValue(f.Path, out var thumbnail) ? f with { ThumbnailPath = thumbnail } : f)];
    }

    /// <summary>The frame's thumbnail copied to the path, or one made from the frame when it has none.</summary>
    private async Task ThumbnailAsync(ExtractedFrame frame, string path, CancellationToken cancellationToken)
    {
        if (frame.ThumbnailPath is { } existing && File.Exists(existing))
        {
            File.Copy(existing, path, overwrite: true);
            return;
        }

        await RunAsync([.. ToolArguments.Input(frame.Path, ToolArguments.ImageFormats), "-vf", Invariant($"scale='min({OutputEncoding.ThumbnailWidth},iw)':-2"),
            .. OutputEncoding.ThumbnailEncoder, "-frames:v", "1", "-y", path], cancellationToken);
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

    /// <summary>
    /// One ffmpeg over the thumbnails makes the storyboard's sprites and the contact sheet and picks the poster
    /// (each tool start costs about 0.15 s, and these are small): answers the poster's index, if one was picked.
    /// The pick skips near-black frames, then ffmpeg's thumbnail filter takes the most typical of the rest.
    /// The contact sheet shows up to 24 frames spread over the video, four to a row, each with its time on it.
    /// </summary>
    private async Task<int?> SheetsAsync(IReadOnlyList<ExtractedFrame> frames, string directory, string sheet, CancellationToken cancellationToken)
    {
        var all = await ConcatListAsync(frames, directory, "thumbnails-list.txt", frames.Select(_ => 1.0).ToList(), cancellationToken);
        var count = Math.Min(ContactSheetFrames, frames.Count);
        var picked = Enumerable.Range(0, count).Select(i => frames[(int)((long)i * frames.Count / count)]).ToList();
        // The sheet list's durations make each image's pts its moment in the video (minus the first one's).
        var durations = picked.Select((f, i) => i + 1 < picked.Count ? Math.Max(0.001, picked[i + 1].TimestampSeconds - f.TimestampSeconds) : 1).ToList();
        var sheetList = await ConcatListAsync(picked, directory, "sheet-list.txt", durations, cancellationToken);
        var rows = (count + ContactSheetColumns - 1) / ContactSheetColumns;
        var first = picked[0].TimestampSeconds;
        var batch = Math.Clamp(frames.Count, 2, 100);
        int? chosen = null;
        await RunAsync(
            ["-f", "concat", "-safe", "0", .. ToolArguments.Input(all, ToolArguments.ImageFormats),
             "-f", "concat", "-safe", "0", .. ToolArguments.Input(sheetList, ToolArguments.ImageFormats),
             "-filter_complex", Invariant(
                $"[0:v]split=2[pick][board];[pick]blackframe=amount=0:threshold=32,metadata=select:key=lavfi.blackframe.pblack:value=90:function=less,thumbnail={batch},showinfo[poster];") +
                Invariant($"[board]scale={TileWidth}:-2,tile={TilesPerRow}x{TilesPerRow}[sprites];") +
                Invariant($"[1:v]scale={OutputEncoding.ThumbnailWidth}:-2,drawtext=font=DejaVu Sans Mono:text='%{{pts\\:hms\\:{first:0.###}}}':x=6:y=h-th-6:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=3,tile={ContactSheetColumns}x{rows}:padding=4:margin=4[sheet]"),
             "-map", "[poster]", "-frames:v", "1", "-f", "null", "-",
             "-map", "[sprites]", "-fps_mode", "passthrough", "-q:v", "5", "-y", Path.Combine(directory, "storyboard", "sprite_%03d.jpg"),
             "-map", "[sheet]", "-frames:v", "1", "-q:v", "3", "-y", sheet],
            cancellationToken, line => chosen ??= ShowInfo.Time(line) is { } second ? (int)Math.Round(second) : null);
        return chosen;
    }

    private async Task PosterAsync(ExtractedFrame frame, string poster, CancellationToken cancellationToken) =>
        await RunAsync([.. ToolArguments.Input(frame.Path, ToolArguments.ImageFormats), "-vf", "scale='min(1280,iw)':-2", "-q:v", "3", "-frames:v", "1", "-y", poster], cancellationToken);

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

    private async Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, Action<string>? onErrorLine = null)
    {
        var settings = options.Value;
        var result = await tools.RunAsync(settings.FfmpegPath,
            [.. ToolArguments.Ffmpeg(settings, onErrorLine is null ? "error" : "info"), "-progress", "pipe:1", .. arguments],
            null, TimeSpan.FromSeconds(settings.StallTimeoutSeconds), cancellationToken, onErrorLine);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed to build an extra: {result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
        }
    }

    private static string Clock(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }
}
