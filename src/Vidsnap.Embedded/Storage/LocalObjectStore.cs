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

    public Task<UploadSlot> CreateUploadSlotAsync(string key, string contentType, long sizeBytes, CancellationToken cancellationToken)
    {
        var marker = PathOf(key) + SlotSuffix;
        OwnerOnly.Directory(paths.Objects);
        OwnerOnly.Directory(Path.GetDirectoryName(marker)!);
        using (new FileStream(marker, OwnerOnly.NewFile()))
        {
        }

        var expires = Expiry();
        var url = signer.CreateUrl(new SignedGrant("PUT", key, expires.ToUnixTimeSeconds(), sizeBytes, null));
        var headers = new Dictionary<string, string> { ["Content-Type"] = contentType };
        return Task.FromResult(new UploadSlot("PUT", url, headers, expires));
    }

    public Task<PresignedUrl> CreateDownloadUrlAsync(string key, string downloadFileName, CancellationToken cancellationToken)
    {
        var expires = Expiry();
        var url = signer.CreateUrl(new SignedGrant("GET", key, expires.ToUnixTimeSeconds(), 0, downloadFileName));
        return Task.FromResult(new PresignedUrl(url, expires));
    }

    public Task<bool> CompleteUploadAsync(string key, string uploadId, long expectedBytes, IReadOnlyList<CompletedPart>? parts, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>No multipart uploads here: the slot's marker goes with its video's folder.</summary>
    public Task AbortUploadAsync(string key, string uploadId, CancellationToken cancellationToken) => Task.CompletedTask;

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
                || key.EndsWith(ClaimedSuffix, StringComparison.Ordinal) || key.EndsWith(PartialSuffix, StringComparison.Ordinal))
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

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (exactly && total != maxBytes)
                {
                    return false;
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
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
