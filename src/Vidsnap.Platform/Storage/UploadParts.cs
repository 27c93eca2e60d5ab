namespace Vidsnap.Platform.Storage;

/// <summary>
/// How every store cuts a multipart upload, so a client sees the same parts whichever store it talks to and a
/// renewed slot cuts them as the first did: S3's rule of at most 10,000 parts, each the configured size or larger.
/// </summary>
public static class UploadParts
{
    public const long MaxParts = 10_000;

    /// <summary>The configured part size, or larger when the object would otherwise need more than 10,000 parts.</summary>
    public static long PartSize(long sizeBytes, long configuredPartBytes) => Math.Max(configuredPartBytes, (sizeBytes + MaxParts - 1) / MaxParts);

    /// <summary>The parts, numbered from 1, each <paramref name="partSize"/> long but the last.</summary>
    public static IEnumerable<(int Number, long Offset, long Length)> Cut(long sizeBytes, long partSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partSize);
        for (long offset = 0, number = 1; offset < sizeBytes; offset += partSize, number++)
        {
            yield return ((int)number, offset, Math.Min(partSize, sizeBytes - offset));
        }
    }
}
