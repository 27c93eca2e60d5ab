using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.AccessTokens;
using Vidsnap.Auth.Data;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

public sealed record TokenPair(string AccessToken, int ExpiresIn, string RefreshToken, string TokenType = "Bearer")
{
    /// <summary>When the refresh token stops working: the refresh cookie's expiry.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset RefreshTokenExpiresAt { get; init; }
}

/// <summary>Issues short-lived access JWTs and single-use refresh tokens, rotated on every refresh.</summary>
public sealed class TokenService(VidsnapDbContext db, SigningKeyStore keys, IOptions<JwtOptions> options, TimeProvider time)
{
    /// <summary>The access token's session (its refresh tokens' family), so "sign out the others" knows which one to keep.</summary>
    public const string SessionClaim = JwtRegisteredClaimNames.Sid;

    public async Task<TokenPair> IssueAsync(User user, Guid familyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var jwt = options.Value;
        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(jwt.AccessTokenMinutes);
        var access = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim(SessionClaim, familyId.ToString("N")),
            ]),
            SigningCredentials = await keys.GetSigningCredentialsAsync(cancellationToken),
        });

        var refresh = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var refreshExpires = now.AddDays(jwt.RefreshTokenDays);
        db.RefreshTokens().Add(new RefreshToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = HashOf(refresh),
            CreatedAt = now,
            ExpiresAt = refreshExpires,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenPair(access, (int)lifetime.TotalSeconds, refresh) { RefreshTokenExpiresAt = refreshExpires };
    }

    /// <summary>
    /// Exchanges a refresh token for a new pair. A token is good once: presenting a used one means it was
    /// stolen or replayed, so its whole family is revoked.
    /// </summary>
    public async Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = HashOf(refreshToken);
        var stored = await db.RefreshTokens().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }

        var claimed = await db.RefreshTokens()
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await db.RefreshTokens()
                .Where(t => t.FamilyId == stored.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            return null;
        }

        var user = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.Id == stored.UserId, cancellationToken);
        return user is null ? null : await IssueAsync(user, stored.FamilyId, cancellationToken);
    }

    /// <summary>Signs out the session the token belongs to: its whole family, so no earlier or later token of it works. Unknown tokens change nothing.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = HashOf(refreshToken);
        var family = await db.RefreshTokens().AsNoTracking().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (family is not null)
        {
            await db.RefreshTokens()
                .Where(t => t.FamilyId == family && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }
    }

    /// <summary>Ends every session of the user but <paramref name="keep"/> (none when null): their refresh tokens stop working at once.</summary>
    public Task<int> RevokeAllAsync(Guid userId, Guid? keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RefreshTokens()
            .Where(t => t.UserId == userId && t.RevokedAt == null && (keep == null || t.FamilyId != keep))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>Sessions that can still refresh: each has one unused, unrevoked, unexpired token (rotation uses up the rest).</summary>
    public Task<int> ActiveSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RefreshTokens().AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAt == null && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => t.FamilyId).Distinct().CountAsync(cancellationToken);
    }

    /// <summary>The session an access token belongs to; null for a token issued before tokens named it, or for an API key.</summary>
    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParseExact(principal?.FindFirstValue(SessionClaim), "N", out var family) ? family : null;

    internal static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
