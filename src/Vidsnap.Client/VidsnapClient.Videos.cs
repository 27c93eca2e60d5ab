using System.Globalization;
using System.Runtime.CompilerServices;
using Vidsnap.Client.Models;
using Vidsnap.Client.Uploads;

namespace Vidsnap.Client;

public sealed partial class VidsnapClient
{
    /// <summary>Creates the video and its upload slot; an idempotency key makes a retried create answer the first video again.</summary>
    public Task<CreatedVideo> CreateVideoAsync(CreateVideoRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey };
        return SendJsonAsync<CreatedVideo>(HttpMethod.Post, "/api/videos", request, cancellationToken, headers: headers);
    }

    public Task<Video> GetVideoAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Video>(HttpMethod.Get, $"/api/videos/{id}", null, cancellationToken);

    /// <summary>One page, newest first; pass the page's NextCursor for the next.</summary>
    public Task<VideoPage> ListVideosAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        ListVideosAsync(new VideoListFilter(), limit, cursor, cancellationToken);

    /// <summary>One page of the videos the filter lets through; pass the page's NextCursor, with the same filter, for the next.</summary>
    public Task<VideoPage> ListVideosAsync(VideoListFilter filter, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        if (filter.Status is { } status)
        {
            query.Add("status=" + status);
        }

        if (!string.IsNullOrEmpty(filter.Search))
        {
            query.Add("search=" + Uri.EscapeDataString(filter.Search));
        }

        if (filter.OldestFirst)
        {
            query.Add("order=oldest");
        }

        return SendJsonAsync<VideoPage>(HttpMethod.Get, "/api/videos" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), null, cancellationToken);
    }

    /// <summary>Every video, newest first, following the cursor page after page.</summary>
    public async IAsyncEnumerable<Video> ListAllVideosAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListVideosAsync(pageSize, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var video in page.Items)
            {
                yield return video;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>Says the upload is complete (with each part's ETag for a multipart upload): the video is queued.</summary>
    public Task<VideoStatusResponse> CompleteUploadAsync(Guid id, IReadOnlyList<CompletedPart>? parts = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<VideoStatusResponse>(HttpMethod.Post, $"/api/videos/{id}/complete", new CompleteUploadRequest(parts is { Count: > 0 } ? parts : null), cancellationToken);

    /// <summary>
    /// For resuming (POST /api/videos/{id}/upload): fresh URLs of an upload still awaited and what the store already holds of it. A video no longer
    /// awaiting its upload is a 409 problem.
    /// </summary>
    public Task<UploadProgress> GetUploadProgressAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<UploadProgress>(HttpMethod.Post, $"/api/videos/{id}/upload", null, cancellationToken);

    public Task DeleteVideoAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/api/videos/{id}", null, cancellationToken);

    /// <summary>A pre-signed URL of the zip; a 409 problem before the video is Completed.</summary>
    public Task<DownloadLink> GetDownloadLinkAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DownloadLink>(HttpMethod.Get, $"/api/videos/{id}/download", null, cancellationToken);

    /// <summary>Streams the zip to the file (through a temporary file beside it, so a cut-off download leaves nothing half-written).</summary>
    public async Task DownloadAsync(Guid id, string destinationPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinationPath);
        var link = await GetDownloadLinkAsync(id, cancellationToken).ConfigureAwait(false);
        await Transfers.DownloadAsync(this, Resolve(link.Url), destinationPath, progress, cancellationToken).ConfigureAwait(false);
    }
}
