namespace Vidsnap.Platform.Storage;

/// <summary>Reading a small stored object (a manifest, a storyboard's cues, a poster thumbnail) whole, into memory.</summary>
public static class SmallObjects
{
    /// <summary>
    /// The object's bytes, or null when there is none. One bigger than <paramref name="maxBytes"/> is refused rather
    /// than read: these objects are written by the worker with known sizes, so a big one is a fault, not a reason to
    /// hold megabytes in a request. One ranged read asks for a byte past the bound, which tells a big object from one
    /// of exactly that size without a size request first or a temporary file.
    /// </summary>
    public static async Task<byte[]?> ReadSmallAsync(this IObjectStore store, string key, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        Stream stream;
        try
        {
            stream = await store.OpenReadRangeAsync(key, 0, maxBytes + 1, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        await using (stream)
        {
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, cancellationToken);
            if (bytes.Length > maxBytes)
            {
                throw new InvalidDataException($"The stored object {key} is more than the {maxBytes} bytes a small object may be.");
            }

            return bytes.ToArray();
        }
    }
}
