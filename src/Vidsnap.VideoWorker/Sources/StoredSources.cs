using Vidsnap.Platform.Storage;

namespace Vidsnap.VideoWorker.Sources;

/// <summary>
/// A stored source read in place: probed, planned and extracted from through the worker's ranged reader, so a
/// segment of a long video costs the store the bytes of that segment, not a download of the whole file.
/// </summary>
public sealed class StoredSources(IObjectStore store, SourceRangeServer server, MediaProbe probe)
{
    public async Task<StoredSource> OpenAsync(string key, long size, CancellationToken cancellationToken)
    {
        var lease = await server.LeaseAsync(key, size, cancellationToken);
        return new StoredSource(lease, key, store, probe);
    }
}

/// <summary>One stored source as ffmpeg's input (<see cref="Url"/>) while it is held.</summary>
public sealed class StoredSource(SourceLease lease, string key, IObjectStore store, MediaProbe probe) : IDisposable
{
    public string Url => lease.Url;

    public long Size => lease.Size;

    /// <summary>Bytes ffmpeg read through <see cref="Url"/> so far.</summary>
    public long BytesRead => lease.BytesRead;

    public Task<MediaInfo> ProbeAsync(CancellationToken cancellationToken) =>
        probe.ProbeAsync(Url, Size, ct => IsoBoxes.DeclaredLengthAsync(Size, ReadAtAsync, ct), cancellationToken);

    public void Dispose() => lease.Dispose();

    private async ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await using var range = await store.OpenReadRangeAsync(key, offset, buffer.Length, cancellationToken);
        return await range.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
    }
}
