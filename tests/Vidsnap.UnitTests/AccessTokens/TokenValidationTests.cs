using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.AccessTokens;

namespace Vidsnap.UnitTests.AccessTokens;

public sealed class TokenValidationTests : IDisposable
{
    private readonly JwtOptions jwt = new();
    private readonly ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsaSecurityKey key;

    public TokenValidationTests() => key = new ECDsaSecurityKey(ecdsa) { KeyId = "k1" };

    public void Dispose() => ecdsa.Dispose();

    private string Token(Action<SecurityTokenDescriptor>? change = null, SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("email", "a@b.c")]),
            SigningCredentials = credentials ?? new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task<bool> IsValid(string token)
    {
        var parameters = AuthenticationRegistration.ValidationParameters(jwt);
        parameters.IssuerSigningKeys = [new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))) { KeyId = "k1" }];
        return (await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters)).IsValid;
    }

    [Fact]
    public async Task Accepts_a_well_formed_token()
    {
        Assert.True(await IsValid(Token()));
    }

    [Fact]
    public async Task Rejects_expired_by_a_minute()
    {
        Assert.False(await IsValid(Token(d =>
        {
            d.IssuedAt = DateTime.UtcNow.AddMinutes(-20);
            d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            d.Expires = DateTime.UtcNow.AddMinutes(-1);
        })));
    }

    [Fact]
    public async Task Tolerates_less_than_30_seconds_of_clock_skew()
    {
        Assert.True(await IsValid(Token(d =>
        {
            d.IssuedAt = DateTime.UtcNow.AddMinutes(-20);
            d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            d.Expires = DateTime.UtcNow.AddSeconds(-20);
        })));
    }

    [Fact]
    public async Task Rejects_not_yet_valid()
    {
        Assert.False(await IsValid(Token(d =>
        {
            d.NotBefore = DateTime.UtcNow.AddMinutes(2);
            d.Expires = DateTime.UtcNow.AddMinutes(17);
        })));
    }

    [Fact]
    public async Task Rejects_wrong_issuer_and_audience()
    {
        Assert.False(await IsValid(Token(d => d.Issuer = "someone-else")));
        Assert.False(await IsValid(Token(d => d.Audience = "another-api")));
    }

    [Fact]
    public async Task Rejects_a_key_it_does_not_know()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(await IsValid(Token(credentials: new SigningCredentials(new ECDsaSecurityKey(other) { KeyId = "k2" }, SecurityAlgorithms.EcdsaSha256))));
        Assert.False(await IsValid(Token(credentials: new SigningCredentials(new ECDsaSecurityKey(other) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256))));
    }

    [Fact]
    public async Task Rejects_hs256_signed_with_the_public_key()
    {
        var publicKey = ecdsa.ExportSubjectPublicKeyInfo();
        var hmac = new SymmetricSecurityKey(publicKey) { KeyId = "k1" };
        Assert.False(await IsValid(Token(credentials: new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256))));
    }

    [Fact]
    public async Task Rejects_alg_none()
    {
        var signed = Token().Split('.');
        var header = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT","kid":"k1"}"""));
        Assert.False(await IsValid($"{header}.{signed[1]}."));
    }
}
