using System.Security.Cryptography;

namespace Vidsnap.Embedded.Storage;

/// <summary>
/// A request body copied to a new file, refused past a size (or short of it), flushed to disk before it counts:
/// what a whole object and a part of a multipart upload both need before they are renamed into place.
/// </summary>
internal static class BoundedFileWrite
{
    /// <summary>
    /// False, with the file left for the caller to delete, when the body passes <paramref name="maxBytes"/> or, when
    /// <paramref name="exactly"/>, falls short of it. Each chunk also goes to <paramref name="hash"/> when one is given.
    /// </summary>
    public static async Task<bool> CopyAsync(Stream content, FileStream file, long maxBytes, bool exactly, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return false;
            }

            hash?.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        if (exactly && total != maxBytes)
        {
            return false;
        }

        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return true;
    }
}
