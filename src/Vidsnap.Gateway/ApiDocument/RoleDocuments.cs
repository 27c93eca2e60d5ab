using System.Collections.Concurrent;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Vidsnap.Platform.ApiDocument;

namespace Vidsnap.Gateway.ApiDocument;

/// <summary>
/// The OpenAPI documents of the roles that run in other processes, each fetched from the role's own
/// <see cref="ApiDocumentRegistration.Path"/> and kept for <see cref="CacheFor"/>: a reference page opening
/// costs the roles nothing, and a role deployed anew is described within seconds. A failed fetch is not kept.
/// </summary>
internal sealed class RoleDocuments(IHttpClientFactory httpClients, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Uri, (DateTimeOffset FetchedAt, string Json)> cache = new();

    /// <summary>The role's document, freshly parsed (merging takes its parts, so no two requests share one).</summary>
    public async Task<OpenApiDocument> GetAsync(string role, Uri roleAddress, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(roleAddress.ToString().TrimEnd('/') + "/"), ApiDocumentRegistration.Path.TrimStart('/'));
        var now = time.GetUtcNow();
        string json;
        if (cache.TryGetValue(url, out var cached) && now - cached.FetchedAt < CacheFor)
        {
            json = cached.Json;
        }
        else
        {
            json = await FetchAsync(role, url, cancellationToken);
            cache[url] = (now, json);
        }

        var (document, diagnostic) = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        return document is not null && diagnostic?.Errors.Count is null or 0
            ? document
            : throw new RoleDocumentUnavailableException(role, url,
                "it is not a valid OpenAPI document: " + string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? []));
    }

    private async Task<string> FetchAsync(string role, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient(nameof(RoleDocuments));
            using var response = await client.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadAsStringAsync(cancellationToken)
                : throw new RoleDocumentUnavailableException(role, url, $"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException ex)
        {
            throw new RoleDocumentUnavailableException(role, url, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RoleDocumentUnavailableException(role, url, "it did not answer in time");
        }
    }
}
