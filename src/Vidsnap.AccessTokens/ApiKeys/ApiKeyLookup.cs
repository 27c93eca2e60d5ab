using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Data;

namespace Vidsnap.AccessTokens.ApiKeys;

/// <summary>What a valid key stands for: whose it is and what it may do.</summary>
public sealed record ResolvedApiKey(Guid KeyId, Guid UserId, string OwnerEmail, IReadOnlyList<string> Scopes);

/// <summary>
/// Finds a presented key by the hash of its secret, and remembers the answer (a miss too) for at most
/// <see cref="ApiKeyOptions.CacheSeconds"/>, so a key costs a hash and a dictionary read on most requests and a
/// revoked one is refused everywhere within that time. Last use is written at most once a minute per key.
/// </summary>
public sealed class ApiKeyLookup(IServiceScopeFactory scopes, IOptions<ApiKeyOptions> options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Bounded, so a stream of made-up keys cannot fill memory.</summary>
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public async Task<ResolvedApiKey?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.HashOf(secret);
        if (cache.TryGetValue(hash, out ResolvedApiKey? remembered))
        {
            return remembered;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null, cancellationToken);
        var resolved = key is null ? null : new ResolvedApiKey(key.Id, key.UserId, key.OwnerEmail, key.ScopeList);
        var now = time.GetUtcNow();
        if (key is not null && (key.LastUsedAt is null || now - key.LastUsedAt >= LastUseResolution))
        {
            await db.Set<ApiKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        var seconds = options.Value.CacheSeconds;
        if (seconds > 0)
        {
            cache.Set(hash, resolved, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }

        return resolved;
    }

    public void Dispose() => cache.Dispose();
}
