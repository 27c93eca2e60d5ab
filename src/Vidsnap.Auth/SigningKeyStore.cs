using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.AccessTokens;
using Vidsnap.Platform.Secrets;
using Vidsnap.Auth.Data;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

/// <summary>
/// The auth role's ES256 keys, kept in its database. A new key is published for a while before it signs, so
/// validators that cache the JWKS know it before they meet it; an old key stays published until the last token
/// it signed has expired. Keys rotate by age, or on demand with `vidsnap rotate-signing-key`.
/// </summary>
public sealed class SigningKeyStore(
    IServiceScopeFactory scopes, SecretProtector secrets, IOptions<AuthOptions> authOptions, IOptions<JwtOptions> jwtOptions, TimeProvider time)
    : IDisposable
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<(SigningKey Row, ECDsa Key)>? keys;
    private DateTimeOffset loadedAt;

    private TimeSpan ActivationDelay => TimeSpan.FromSeconds(authOptions.Value.SigningKeyActivationDelaySeconds);

    public async Task<SigningCredentials> GetSigningCredentialsAsync(CancellationToken cancellationToken)
    {
        var all = await GetKeysAsync(cancellationToken);
        var now = time.GetUtcNow();

        // Newest first; the oldest key stands in when even it is not yet active (the very first key).
        var (row, key) = all.FirstOrDefault(k => k.Row.CreatedAt + ActivationDelay <= now, all[^1]);
        return new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = row.Kid }, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>The public halves of the keys that sign now, will sign soon, or signed tokens still unexpired, as a JWKS document.</summary>
    public async Task<JsonWebKeySetResponse> GetJwksAsync(CancellationToken cancellationToken)
    {
        var all = await GetKeysAsync(cancellationToken);
        return new JsonWebKeySetResponse(
            [.. Published(all).Select(k =>
            {
                var p = k.Key.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "EC",
                    ["crv"] = "P-256",
                    ["x"] = WebEncoders.Base64UrlEncode(p.Q.X!),
                    ["y"] = WebEncoders.Base64UrlEncode(p.Q.Y!),
                    ["kid"] = k.Row.Kid,
                    ["use"] = "sig",
                    ["alg"] = JwtOptions.Algorithm,
                };
            })]);
    }

    /// <summary>Adds a key that starts signing after the activation delay; returns its key id.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await CreateAsync(scope.ServiceProvider.GetRequiredService<VidsnapDbContext>(), cancellationToken);
        loadedAt = DateTimeOffset.MinValue;
        return row.Kid;
    }

    public void Dispose()
    {
        gate.Dispose();
        foreach (var (_, key) in keys ?? [])
        {
            key.Dispose();
        }
    }

    private IEnumerable<(SigningKey Row, ECDsa Key)> Published(IReadOnlyList<(SigningKey Row, ECDsa Key)> all)
    {
        var now = time.GetUtcNow();
        var lastTokenLifetime = TimeSpan.FromMinutes(jwtOptions.Value.AccessTokenMinutes) + TimeSpan.FromSeconds(jwtOptions.Value.ClockSkewSeconds);
        DateTimeOffset? successorActiveSince = null;
        foreach (var key in all)
        {
            if (successorActiveSince is null || successorActiveSince.Value + lastTokenLifetime > now)
            {
                yield return key;
            }

            var activeSince = key.Row.CreatedAt + ActivationDelay;
            if (activeSince <= now)
            {
                successorActiveSince ??= activeSince;
            }
        }
    }

    private IReadOnlyList<(SigningKey Row, ECDsa Key)>? Fresh() => time.GetUtcNow() - loadedAt < ReloadEvery ? keys : null;

    private async Task<IReadOnlyList<(SigningKey Row, ECDsa Key)>> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var rows = await db.SigningKeys().AsNoTracking().ToListAsync(cancellationToken);
            var newest = rows.Count == 0 ? (DateTimeOffset?)null : rows.Max(r => r.CreatedAt);
            if (newest is null || newest < time.GetUtcNow().AddDays(-authOptions.Value.SigningKeyRotationDays))
            {
                rows.Add(await CreateAsync(db, cancellationToken));
            }

            var loaded = (keys ?? []).ToDictionary(k => k.Row.Kid, k => k.Key);
            keys = [.. rows.OrderByDescending(r => r.CreatedAt).Select(r => (r, loaded.GetValueOrDefault(r.Kid) ?? Load(r)))];
            loadedAt = time.GetUtcNow();
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SigningKey> CreateAsync(VidsnapDbContext db, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var row = new SigningKey
        {
            Kid = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)),
            Algorithm = JwtOptions.Algorithm,
            // Encrypted at rest: the database alone does not hand out a key that forges tokens.
            PrivateKey = secrets.Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())),
            CreatedAt = time.GetUtcNow(),
        };
        db.SigningKeys().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    private ECDsa Load(SigningKey row)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(secrets.Unprotect(row.PrivateKey)), out _);
        return key;
    }
}
