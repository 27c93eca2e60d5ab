namespace Vidsnap.Platform.Storage;

/// <summary>Reading a small stored object (a manifest, a storyboard's cues, a poster thumbnail) whole, into memory.</summary>
public static class SmallObjects
{
    /// <summary>
    /// The object's bytes, or null when there is none. One bigger than <paramref name="maxBytes"/> is refused rather
    /// than read: these objects are written by the worker with known sizes, so a big one is a fault, not a reason to
    /// hold megabytes in a request.
    /// </summary>
    public static async Task<byte[]?> ReadSmallAsync(this IObjectStore store, string key, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetSizeAsync(key, cancellationToken) is not { } size)
        {
            return null;
        }

        if (size > maxBytes)
        {
            throw new InvalidDataException($"The stored object {key} is {size} bytes, more than the {maxBytes} a small object may be.");
        }

        var temp = Path.GetTempFileName();
        try
        {
            await store.DownloadToFileAsync(key, temp, cancellationToken);
            return await File.ReadAllBytesAsync(temp, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
