using System.Buffers.Binary;

namespace Vidsnap.VideoWorker;

/// <summary>
/// An MP4 or MOV file is a chain of sized top-level boxes. When the chain runs past the end of the file, the
/// file was cut short: ffmpeg would still read its index and quietly give fewer frames than the video has.
/// </summary>
public static class IsoBoxes
{
    private const int MaxBoxes = 10_000;

    /// <summary>The length the boxes add up to, or null when the chain cannot be read (ffmpeg judges those).</summary>
    public static long? DeclaredLength(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        var header = new byte[16];
        long offset = 0;
        for (var i = 0; i < MaxBoxes && offset < file.Length; i++)
        {
            file.Position = offset;
            if (file.Read(header, 0, 16) < 8)
            {
                return offset + 8;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (size == 1)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), long.MaxValue);
            }
            else if (size == 0)
            {
                // The last box runs to the end of the file, whatever its length.
                return file.Length;
            }

            if (size < 8)
            {
                return null;
            }

            offset = size > long.MaxValue - offset ? long.MaxValue : offset + size;
        }

        return offset;
    }
}
