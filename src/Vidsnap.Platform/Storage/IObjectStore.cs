namespace Vidsnap.Platform.Storage;

/// <summary>
/// Where a client sends an upload's bytes: method, URL, headers to send, and until when it works. A file too
/// big for one request gets parts instead of a URL: each part's bytes go to its own URL, in any order.
/// </summary>
public sealed record UploadSlot(string Method, string? Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<UploadPart>? Parts { get; init; }

    /// <summary>The store's handle on a multipart upload; kept by the api, never shown to the client.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UploadId { get; init; }
}

/// <summary>A part the client has uploaded: its number and the ETag the store answered.</summary>
public sealed record CompletedPart(int PartNumber, string ETag);

/// <summary>
/// One part of a multipart upload: bytes [offset, offset + sizeBytes) of the file go to url. A renewed slot gives
/// the ETag of a part the store already holds, which need not be sent again.
/// </summary>
public sealed record UploadPart(int PartNumber, long Offset, long SizeBytes, string Url)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }
}

public sealed record PresignedUrl(string Url, DateTimeOffset ExpiresAt);

/// <summary>An object as a listing shows it.</summary>
public sealed record StoredObject(string Key, long SizeBytes, DateTimeOffset LastModified);

/// <summary>
/// The object storage seam. URLs it hands out may be relative to the public base URL (the embedded
/// store is served by the gateway); callers make them absolute.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Where a client sends exactly <paramref name="sizeBytes"/> bytes for the key, once: the slot refuses another
    /// size, and a second upload once the first has landed (S3: a conditional PUT; a multipart upload takes no
    /// parts once assembled).
    /// </summary>
    Task<UploadSlot> CreateUploadSlotAsync(string key, string contentType, long sizeBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Fresh URLs for a slot not yet used up, for a client resuming an upload: the same single URL, or the same
    /// multipart upload's parts, each with the ETag of what the store already holds of it.
    /// </summary>
    Task<UploadSlot> RenewUploadSlotAsync(string key, string? uploadId, string contentType, long sizeBytes, CancellationToken cancellationToken);

    /// <summary>Ends a multipart upload that will not be completed: its parts are discarded and its part URLs stop working. Gone already is fine.</summary>
    Task AbortUploadAsync(string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Every object whose key starts with the prefix.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    Task<PresignedUrl> CreateDownloadUrlAsync(string key, string downloadFileName, CancellationToken cancellationToken);

    /// <summary>
    /// Assembles a multipart upload from the parts the client reports (each part's ETag, as S3 answered its
    /// PUT), or from the parts the store lists when the client reports none. False, with the upload left open
    /// for the client to finish, while the parts are missing or do not add up. Already assembled: true.
    /// </summary>
    Task<bool> CompleteUploadAsync(string key, string uploadId, long expectedBytes, IReadOnlyList<CompletedPart>? parts, CancellationToken cancellationToken);

    /// <summary>The stored object's size, or null when there is none.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken);

    Task DownloadToFileAsync(string key, string destinationPath, CancellationToken cancellationToken);

    /// <summary>
    /// Bytes [offset, offset + length) of the stored object, as a stream the caller disposes: so workers can each
    /// read their own segment of a long video. A range past the end answers what there is, possibly nothing; a zero
    /// length answers an empty stream without asking the store.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset or length is negative.</exception>
    /// <exception cref="FileNotFoundException">There is no object under the key (in every adapter alike).</exception>
    Task<Stream> OpenReadRangeAsync(string key, long offset, long length, CancellationToken cancellationToken);

    /// <summary>Stores the file under the key, replacing what was there: a rerun replaces its output.</summary>
    Task UploadFileAsync(string key, string sourcePath, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object whose key starts with the prefix; none there is fine.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    Task CheckReachableAsync(CancellationToken cancellationToken);
}
