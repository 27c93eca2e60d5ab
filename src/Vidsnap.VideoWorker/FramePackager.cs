using System.IO.Compression;

namespace Vidsnap.VideoWorker;

/// <summary>Zips the frames as stored entries: JPEG does not compress, so deflating would only cost time.</summary>
public static class FramePackager
{
    public static async Task PackAsync(IReadOnlyList<ExtractedFrame> frames, string zipPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        await using var file = File.Create(zipPath);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var frame in frames)
        {
            var entry = zip.CreateEntry(frame.EntryName, CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var source = File.OpenRead(frame.Path);
            await source.CopyToAsync(target, cancellationToken);
        }
    }
}
