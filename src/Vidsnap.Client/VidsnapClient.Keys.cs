using Vidsnap.Client.Models;

namespace Vidsnap.Client;

public sealed partial class VidsnapClient
{
    /// <summary>Makes a key with these scopes (a person's sign-in only; no key can make keys). The answer is the only one holding its secret.</summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CreatedApiKey>(HttpMethod.Post, "/api/keys", new CreateApiKeyRequest(name, scopes), cancellationToken);

    public Task<List<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<List<ApiKey>>(HttpMethod.Get, "/api/keys", null, cancellationToken);

    public Task RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/api/keys/{id}", null, cancellationToken);
}
