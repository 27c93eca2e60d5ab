using System.IO.Compression;
using System.Text.Json;
using Vidsnap.Contracts;

namespace Vidsnap.VideoWorker;

/// <summary>
/// Writes the zip: frames at the root, manifest.json, poster.jpg, storyboard/ and contact_sheet.jpg. Entries are
/// stored, not deflated (images do not compress) and copied file by file, so memory stays small.
/// </summary>
public static class FramePackager
{
    private static readonly JsonSerializerOptions ManifestJson = new(MessageJson.Options) { WriteIndented = true };

    public static FrameManifest Describe(IReadOnlyList<ExtractedFrame> frames, MediaInfo media, ExtractionOptions options, FramePlan plan)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(plan);
        return new FrameManifest(
            new ManifestSource(media.DurationSeconds, media.Codec, media.Width, media.Height, Math.Round(media.FrameRate, 3), media.Rotation),
            options,
            plan.Strategy.ToString(),
            [.. frames.Select(f =>
            {
                var (width, height) = ImageSize.Read(f.Path);
                return new ManifestFrame(f.EntryName, Math.Round(f.TimestampSeconds, 3), width, height, new FileInfo(f.Path).Length);
            })]);
    }

    /// <summary>The manifest as it is in the zip, as a file of its own: stored beside the zip, read by the frames route.</summary>
    public static async Task WriteManifestAsync(FrameManifest manifest, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, manifest, ManifestJson, cancellationToken);
    }

    public static async Task PackAsync(IReadOnlyList<ExtractedFrame> frames, FrameManifest manifest, Extras? extras, string zipPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        await using var file = File.Create(zipPath);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var frame in frames)
        {
            await AddFileAsync(zip, frame.EntryName, frame.Path, cancellationToken);
        }

        var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
        await using (var target = await manifestEntry.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(target, manifest, ManifestJson, cancellationToken);
        }

        if (extras is not null)
        {
            await AddFileAsync(zip, "poster.jpg", extras.PosterPath, cancellationToken);
            foreach (var sprite in extras.SpritePaths)
            {
                await AddFileAsync(zip, $"storyboard/{Path.GetFileName(sprite)}", sprite, cancellationToken);
            }

            await AddFileAsync(zip, "storyboard/storyboard.vtt", extras.StoryboardVttPath, cancellationToken);
            await AddFileAsync(zip, "contact_sheet.jpg", extras.ContactSheetPath, cancellationToken);
        }
    }

    private static async Task AddFileAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var source = File.OpenRead(path);
        await source.CopyToAsync(target, cancellationToken);
    }
}
