using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Vidsnap.AccessTokens;

/// <summary>
/// Supplies the auth role's public keys to the JWT validator: fetched from its JWKS, cached, and fetched
/// again when a token names an unknown key (a rotation), at most once per refresh interval.
/// </summary>
public sealed class JwksConfigurationManager(IHttpClientFactory httpClients, IOptions<JwtOptions> options, SelfAddress self, TimeProvider time)
    : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private OpenIdConnectConfiguration? current;
    private DateTimeOffset fetchedAt;
    private bool refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (current is not null && !IsStale())
        {
            return current;
        }

        await gate.WaitAsync(cancel);
        try
        {
            if (current is null || IsStale())
            {
                try
                {
                    current = await FetchAsync(cancel);
                    fetchedAt = time.GetUtcNow();
                    refreshRequested = false;
                }
                catch (Exception) when (current is not null)
                {
                    // Keep validating with the keys we have while the auth role is unreachable.
                    fetchedAt = time.GetUtcNow();
                }
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void RequestRefresh() => refreshRequested = true;

    public void Dispose() => gate.Dispose();

    private bool IsStale()
    {
        var age = time.GetUtcNow() - fetchedAt;
        return age > TimeSpan.FromSeconds(options.Value.KeysCacheSeconds) || (refreshRequested && age > MinimumRefreshInterval);
    }

    private async Task<OpenIdConnectConfiguration> FetchAsync(CancellationToken cancel)
    {
        var url = options.Value.JwksUrl is { Length: > 0 } configured ? new Uri(configured) : new Uri(self.Get(), "/auth/.well-known/jwks.json");
        using var client = httpClients.CreateClient(nameof(JwksConfigurationManager));
        var json = await client.GetStringAsync(url, cancel);
        var configuration = new OpenIdConnectConfiguration { Issuer = options.Value.Issuer, JsonWebKeySet = new JsonWebKeySet(json) };
        foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
