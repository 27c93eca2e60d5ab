using Microsoft.Extensions.Options;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Embedded.Storage;

/// <summary>
/// Objects as files under the data directory, reached by clients through gateway-served signed URLs. An upload
/// slot is a marker file beside its object: the first upload of the whole file claims it, and deleting the
/// video's folder removes it, so its URL then writes nothing.
/// </summary>
public sealed class LocalObjectStore(LocalUrlSigner signer, IOptions<LocalStorageOptions> options, VidsnapPaths paths, TimeProvider time)
    : IObjectStore
{
    private const string SlotSuffix = ".slot";
    private const string ClaimedSuffix = ".claimed";
    private const string PartialSuffix = ".partial";

    public async Task<UploadSlot> CreateUploadSlotAsync(string key, string contentType, long sizeBytes, CancellationToken cancellationToken)
    {
        var marker = PathOf(key) + SlotSuffix;
        OwnerOnly.Directory(paths.Objects);
        OwnerOnly.Directory(Path.GetDirectoryName(marker)!);
        long? partSize = sizeBytes > options.Value.MultipartThresholdBytes ? PartSize(sizeBytes) : null;
        await using (var file = new FileStream(marker, OwnerOnly.NewFile()))
        await using (var writer = new StreamWriter(file))
        {
            // A multipart slot's marker keeps its part size, so the parts are cut the same way when it is renewed.
            if (partSize is { } size)
            {
                await writer.WriteAsync(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return Slot(key, contentType, sizeBytes, partSize, partSize is null ? null : $"local-{Guid.NewGuid():N}");
    }

    public async Task<UploadSlot> RenewUploadSlotAsync(string key, string? uploadId, string contentType, long sizeBytes, CancellationToken cancellationToken)
    {
        var partSize = uploadId is null ? (long?)null : await ReadPartSizeAsync(key, cancellationToken) ?? PartSize(sizeBytes);
        return Slot(key, contentType, sizeBytes, partSize, uploadId);
    }

    private UploadSlot Slot(string key, string contentType, long sizeBytes, long? partSize, string? uploadId)
    {
        var expires = Expiry();
        if (partSize is not { } size)
        {
            var url = signer.CreateUrl(new SignedGrant("PUT", key, expires.ToUnixTimeSeconds(), sizeBytes, null));
            return new UploadSlot("PUT", url, new Dictionary<string, string> { ["Content-Type"] = contentType }, expires);
        }

        var stored = LocalPartStore.List(PathOf(key)).ToDictionary(p => p.PartNumber);
        var parts = new List<UploadPart>();
        foreach (var (number, offset, length) in UploadParts.Cut(sizeBytes, size))
        {
            var url = signer.CreateUrl(new SignedGrant("PUT", key, expires.ToUnixTimeSeconds(), length, null) { Part = number });
            var held = stored.TryGetValue(number, out var part) && part.SizeBytes == length ? part.ETag : null;
            parts.Add(new UploadPart(number, offset, length, url) { ETag = held });
        }

        return new UploadSlot("PUT", null, new Dictionary<string, string>(), expires) { Parts = parts, UploadId = uploadId };
    }

    private long PartSize(long length) => UploadParts.PartSize(length, options.Value.PartSizeBytes);

    /// <summary>A multipart slot's part size, or null when the slot is used up or was never multipart.</summary>
    private async Task<long?> ReadPartSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(PathOf(key) + SlotSuffix, cancellationToken);
            return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0 ? size : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores one part of an open multipart upload: its ETag; null when the body is not exactly the part's length,
    /// and <see cref="PartWrite.SlotClosed"/> once the upload is assembled or its video deleted.
    /// </summary>
    public async Task<PartWrite> WritePartAsync(string key, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        if (!File.Exists(PathOf(key) + SlotSuffix))
        {
            return PartWrite.SlotClosed;
        }

        return new PartWrite(await LocalPartStore.WriteAsync(PathOf(key), partNumber, content, length, cancellationToken), Closed: false);
    }

    public Task<PresignedUrl> CreateDownloadUrlAsync(string key, string downloadFileName, CancellationToken cancellationToken)
    {
        var expires = Expiry();
        var url = signer.CreateUrl(new SignedGrant("GET", key, expires.ToUnixTimeSeconds(), 0, downloadFileName));
        return Task.FromResult(new PresignedUrl(url, expires));
    }

    /// <summary>
    /// Joins the parts into the object under a claim on the slot, so a part arriving meanwhile is refused and two
    /// completes at once assemble it once. Already assembled: true.
    /// </summary>
    public async Task<bool> CompleteUploadAsync(string key, string uploadId, long expectedBytes, IReadOnlyList<CompletedPart>? parts, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (await ReadPartSizeAsync(key, cancellationToken) is not { } partSize || ClaimSlot(key) is not { } claim)
        {
            var assembledBefore = new FileInfo(path);
            return assembledBefore.Exists && assembledBefore.Length == expectedBytes;
        }

        var temp = $"{path}.{Guid.NewGuid():N}{PartialSuffix}";
        var assembled = false;
        try
        {
            assembled = await LocalPartStore.AssembleAsync(path, partSize, expectedBytes, parts, temp, cancellationToken);
            if (assembled)
            {
                File.Move(temp, path, overwrite: true);
                LocalPartStore.Discard(path);
            }

            return assembled;
        }
        finally
        {
            File.Delete(temp);
            if (assembled)
            {
                claim.Consume();
            }
            else
            {
                claim.Release();
            }
        }
    }

    /// <summary>Closes the slot, so its part URLs take nothing more, and discards the parts.</summary>
    public Task AbortUploadAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key) + SlotSuffix);
        LocalPartStore.Discard(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var root = Path.GetFullPath(paths.Objects);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.EndsWith(SlotSuffix, StringComparison.Ordinal)
                || key.EndsWith(ClaimedSuffix, StringComparison.Ordinal) || key.EndsWith(PartialSuffix, StringComparison.Ordinal)
                || key.Contains(LocalPartStore.FolderSuffix + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var info = new FileInfo(file);
            if (info.Exists)
            {
                yield return new StoredObject(key, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// Claims the key's upload slot for one upload, or answers null when there is none: used by an earlier upload,
    /// or its video deleted. A rename, so of two uploads at once one claims it.
    /// </summary>
    public SlotClaim? ClaimSlot(string key)
    {
        var marker = PathOf(key) + SlotSuffix;
        var claimed = $"{marker}.{Guid.NewGuid():N}{ClaimedSuffix}";
        try
        {
            File.Move(marker, claimed);
            return new SlotClaim(marker, claimed);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult<long?>(file.Exists ? file.Length : null);
    }

    public async Task DownloadToFileAsync(string key, string destinationPath, CancellationToken cancellationToken)
    {
        await using var source = OpenRead(key);
        await using var destination = File.Create(destinationPath);
        await source.CopyToAsync(destination, cancellationToken);
    }

    public Task<Stream> OpenReadRangeAsync(string key, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return Task.FromResult(Stream.Null);
        }

        FileStream file;
        try
        {
            file = OpenRead(key);
        }
        catch (DirectoryNotFoundException ex)
        {
            // A key whose folder was never made is as missing as one whose file is: one exception for both, as S3 gives.
            throw new FileNotFoundException($"No object is stored under {key}.", key, ex);
        }

        // Seeking past the end is allowed; reads there answer nothing, as the contract wants.
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(new BoundedReadStream(file, length));
    }

    public async Task UploadFileAsync(string key, string sourcePath, string contentType, CancellationToken cancellationToken)
    {
        await using var source = File.OpenRead(sourcePath);
        await WriteAsync(key, source, long.MaxValue, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // Prefixes here are whole folders (a video's); a partial name would need a listing instead.
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("The prefix must end with '/'.", nameof(prefix));
        }

        var directory = PathOf(prefix.TrimEnd('/'));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    public Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        OwnerOnly.Directory(paths.Objects);
        return Task.CompletedTask;
    }

    public FileStream OpenRead(string key) =>
        new(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    /// <summary>
    /// Writes to a temporary file and renames it into place, so a reader never sees half an object and a
    /// crash leaves either the old object or the new one. Returns false, writing nothing, past maxBytes, or
    /// short of it when <paramref name="exactly"/>.
    /// </summary>
    public async Task<bool> WriteAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken, bool exactly = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        OwnerOnly.Directory(paths.Objects);
        OwnerOnly.Directory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}{PartialSuffix}";
        try
        {
            await using (var file = new FileStream(temp, OwnerOnly.NewFile()))
            {
                if (!await BoundedFileWrite.CopyAsync(content, file, maxBytes, exactly, hash: null, cancellationToken))
                {
                    return false;
                }
            }

            File.Move(temp, path, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public string PathOf(string key)
    {
        if (!ObjectKeyFormat.IsWellFormed(key))
        {
            throw new ArgumentException("Malformed object key.", nameof(key));
        }

        var root = Path.GetFullPath(paths.Objects) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, key));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : throw new ArgumentException("Key escapes the store.", nameof(key));
    }

    private DateTimeOffset Expiry() => time.GetUtcNow().AddMinutes(options.Value.UrlExpiryMinutes);
}

/// <summary>What became of a part sent to the store: its ETag when stored, or why not.</summary>
public sealed record PartWrite(string? ETag, bool Closed)
{
    public static PartWrite SlotClosed { get; } = new(null, Closed: true);
}

/// <summary>An upload's hold on a slot: used up when the upload lands, given back when it does not.</summary>
public sealed class SlotClaim(string marker, string claimed)
{
    public void Consume() => File.Delete(claimed);

    public void Release()
    {
        try
        {
            File.Move(claimed, marker);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // The video was deleted meanwhile: there is no slot to give back.
        }
    }
}
