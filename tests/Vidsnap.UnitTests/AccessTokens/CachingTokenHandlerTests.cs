using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.AccessTokens;

namespace Vidsnap.UnitTests.AccessTokens;

/// <summary>A token is checked once per process and remembered until it expires; nothing else is remembered.</summary>
public sealed class CachingTokenHandlerTests : IDisposable
{
    private readonly JwtOptions jwt = new();
    private readonly ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100 });
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        ecdsa.Dispose();
        cache.Dispose();
    }

    [Fact]
    public async Task A_valid_token_is_remembered_with_a_fresh_identity_each_time()
    {
        var handler = new CachingTokenHandler(cache, time);
        var token = Token(DateTime.UtcNow.AddMinutes(15));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, cache.Count);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("a@b.c", second.ClaimsIdentity.FindFirst("email")!.Value);
        second.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));
        Assert.Null((await handler.ValidateTokenAsync(token, Parameters())).ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task A_changed_signature_or_an_unknown_key_is_checked_in_full_and_never_remembered()
    {
        var handler = new CachingTokenHandler(cache, time);
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        Assert.False((await handler.ValidateTokenAsync(tampered, Parameters())).IsValid);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False((await handler.ValidateTokenAsync(Token(DateTime.UtcNow.AddMinutes(15), stranger), Parameters())).IsValid);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var handler = new CachingTokenHandler(cache, time);
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        // Past its expiry by this process's clock: the remembered answer is not used, and the full check refuses it.
        time.Advance(TimeSpan.FromMinutes(16));
        var parameters = Parameters();
        parameters.LifetimeValidator = (_, expires, _, _) => expires > time.GetUtcNow().UtcDateTime;
        Assert.False((await handler.ValidateTokenAsync(token, parameters)).IsValid);
    }

    [Fact]
    public async Task A_remembered_token_costs_far_less_than_its_first_check()
    {
        var handler = new CachingTokenHandler(cache, time);
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        var parameters = Parameters();
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        var full = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        }

        full.Stop();
        var cached = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            await handler.ValidateTokenAsync(token, parameters);
        }

        cached.Stop();
        Assert.True(cached.Elapsed * 3 < full.Elapsed, $"200 remembered: {cached.Elapsed.TotalMilliseconds:0.0} ms; 200 full checks: {full.Elapsed.TotalMilliseconds:0.0} ms");
    }

    private string Token(DateTime expires, ECDsa? signer = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("email", "a@b.c")]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signer ?? ecdsa) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private TokenValidationParameters Parameters()
    {
        var parameters = AuthenticationRegistration.ValidationParameters(jwt);
        parameters.IssuerSigningKeys = [new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))) { KeyId = "k1" }];
        return parameters;
    }
}
