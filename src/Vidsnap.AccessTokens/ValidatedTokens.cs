using Microsoft.Extensions.Caching.Memory;

namespace Vidsnap.AccessTokens;

/// <summary>The process's one cache of validated access tokens (see <see cref="CachingTokenHandler"/>), disposed with the host.</summary>
public sealed class ValidatedTokens(JwtOptions options) : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.ValidatedTokenCacheSize) });

    public void Dispose() => Cache.Dispose();
}
