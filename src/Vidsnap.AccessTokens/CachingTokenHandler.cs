using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Vidsnap.AccessTokens;

/// <summary>
/// Validates an access token once per process and remembers the result until the token expires: the ES256
/// check and the claims are the same on every request that carries the same token. Only successes are kept
/// (a failure costs its full check every time, so a bad token cannot be made cheap), under the SHA-256 of the
/// token, in a cache bounded by <see cref="JwtOptions.ValidatedTokenCacheSize"/> entries. A token whose key is
/// withdrawn from the JWKS stays accepted here until it expires, at most <see cref="JwtOptions.AccessTokenMinutes"/>.
/// </summary>
public sealed class CachingTokenHandler(MemoryCache cache, TimeProvider time) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out Validated? known) && known!.Expires > now)
        {
            // A copy of the identity per request: whatever one request adds to its principal stays its own.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.Result.SecurityToken,
                ClaimsIdentity = known.Result.ClaimsIdentity.Clone(),
                Issuer = known.Result.Issuer,
                TokenType = known.Result.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > now.UtcDateTime)
        {
            var expires = new DateTimeOffset(validTo, TimeSpan.Zero);
            cache.Set(key, new Validated(result, expires), new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
        }

        return result;
    }

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Expires);
}
