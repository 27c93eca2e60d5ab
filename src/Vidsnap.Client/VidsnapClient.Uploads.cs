using Vidsnap.Client.Models;
using Vidsnap.Client.Uploads;

namespace Vidsnap.Client;

public sealed partial class VidsnapClient
{
    /// <summary>
    /// Sends the file as the slot says: one request, or its parts (those not stored yet) in parallel, each retried
    /// with backoff. <paramref name="bytesSent"/> hears of every chunk (negative when a failed try is undone).
    /// Answers the parts for complete; empty for a single upload.
    /// </summary>
    public async Task<IReadOnlyList<CompletedPart>> UploadFileAsync(UploadSlot slot, string path, Action<long>? bytesSent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(path);
        var sent = bytesSent ?? (_ => { });
        if (slot.Parts is { Count: > 0 } parts)
        {
            return await Transfers.PutPartsAsync(this, parts, path, sent, cancellationToken).ConfigureAwait(false);
        }

        var url = slot.Url ?? throw new VidsnapProblemException(0, "No upload URL", "The upload slot has neither a URL nor parts.", null);
        await Transfers.PutAsync(this, slot.Method, url, slot.Headers, path, 0, new FileInfo(path).Length, sent, cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>
    /// Completes an upload with the parts sent. A store that gave no ETag for some part is left to list the parts
    /// itself (complete without parts), which the API allows.
    /// </summary>
    public Task<VideoStatusResponse> CompleteUploadWithPartsAsync(Guid id, IReadOnlyList<CompletedPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return CompleteUploadAsync(id, parts.Any(p => string.IsNullOrEmpty(p.ETag)) ? null : parts, cancellationToken);
    }
}
