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
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var length = RandomAccess.GetLength(file);
        return DeclaredLengthAsync(length, (offset, buffer, _) => ValueTask.FromResult(RandomAccess.Read(file, buffer.Span, offset)), CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The same, reading each box header at its offset through <paramref name="readAt"/>: a stored source is read a header at a time.</summary>
    public static async ValueTask<long?> DeclaredLengthAsync(
        long length, Func<long, Memory<byte>, CancellationToken, ValueTask<int>> readAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readAt);
        var header = new byte[16];
        long offset = 0;
        for (var i = 0; i < MaxBoxes && offset < length; i++)
        {
            if (await readAt(offset, header, cancellationToken) < 8)
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
                return length;
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
