namespace Vidsnap.Infrastructure.Storage;

/// <summary>Where a client sends an upload's bytes: method, URL, headers to send, and until when it works.</summary>
public sealed record UploadSlot(string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed record PresignedUrl(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// The object storage seam. URLs it hands out may be relative to the public base URL (the embedded
/// store is served by the gateway); callers make them absolute.
/// </summary>
public interface IObjectStore
{
    Task<UploadSlot> CreateUploadSlotAsync(string key, string contentType, long sizeBytes, CancellationToken cancellationToken);

    Task<PresignedUrl> CreateDownloadUrlAsync(string key, string downloadFileName, CancellationToken cancellationToken);

    /// <summary>The stored object's size, or null when there is none.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken);

    Task DownloadToFileAsync(string key, string destinationPath, CancellationToken cancellationToken);

    /// <summary>Stores the file under the key, replacing what was there: a rerun replaces its output.</summary>
    Task UploadFileAsync(string key, string sourcePath, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    Task CheckReachableAsync(CancellationToken cancellationToken);
}
