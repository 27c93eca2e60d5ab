using System.Net;

namespace Vidsnap.Client.Uploads;

/// <summary>Bytes [offset, offset + length) of a file as a request body, read as it is sent, each chunk reported and keeping the stall guard alive.</summary>
internal sealed class FileRangeContent(string path, long offset, long size, Action<long> sent, StallGuard guard) : HttpContent
{
    private const int ChunkBytes = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.Asynchronous);
        await using var closing = file.ConfigureAwait(false);
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[ChunkBytes];
        var left = size;
        while (left > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"{path} is shorter than when the upload began; upload it again as a new video.");
            }

            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            left -= read;
            guard.Touch();
            sent(read);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return true;
    }
}
