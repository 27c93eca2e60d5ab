using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Security;

namespace Vidsnap.Auth;

/// <summary>
/// The auth role's ES256 keys, kept in its database: the newest signs, all are published in the JWKS so
/// tokens signed before a rotation stay valid until they expire.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<(SigningKey Row, ECDsa Key)>? keys;

    public async Task<SigningCredentials> GetSigningCredentialsAsync(CancellationToken cancellationToken)
    {
        var (row, key) = (await GetKeysAsync(cancellationToken))[0];
        return new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = row.Kid }, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>The public halves only, as a JWKS document.</summary>
    public async Task<object> GetJwksAsync(CancellationToken cancellationToken)
    {
        var all = await GetKeysAsync(cancellationToken);
        return new
        {
            keys = all.Select(k =>
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
            }).ToList(),
        };
    }

    public void Dispose()
    {
        gate.Dispose();
        foreach (var (_, key) in keys ?? [])
        {
            key.Dispose();
        }
    }

    private async Task<IReadOnlyList<(SigningKey Row, ECDsa Key)>> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (keys is not null)
        {
            return keys;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (keys is not null)
            {
                return keys;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var rows = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                rows.Add(await CreateAsync(db, cancellationToken));
            }

            keys = [.. rows.OrderByDescending(r => r.CreatedAt).Select(r => (r, Load(r)))];
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
            PrivateKey = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
            CreatedAt = time.GetUtcNow(),
        };
        db.SigningKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    private static ECDsa Load(SigningKey row)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(row.PrivateKey), out _);
        return key;
    }
}
