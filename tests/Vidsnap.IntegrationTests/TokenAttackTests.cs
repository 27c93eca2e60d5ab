using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.Auth;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Forged and bent access tokens against the running gateway and api, each for a real signed-in user.</summary>
public sealed class TokenAttackTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    public static TheoryData<string> Attacks => ["alg none", "hs256 with the public key", "expired a minute ago", "not valid for another minute",
        "wrong issuer", "wrong audience", "unknown kid", "known kid, other key", "jku header", "jwk header", "no expiry", "signature stripped"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Each_attack_is_401_with_a_problem_and_no_internals(string attack)
    {
        using var user = await app.SignedInAsync();
        var subject = new JsonWebToken(user.Http.DefaultRequestHeaders.Authorization!.Parameter!).Subject;
        var credentials = await app.Services.GetRequiredService<SigningKeyStore>().GetSigningCredentialsAsync(CancellationToken.None);

        // The control: the same recipe with nothing bent is accepted, so each 401 below is the attack's doing.
        user.UseToken(Forge("none of them", subject, credentials));
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/videos")).StatusCode);

        user.UseToken(Forge(attack, subject, credentials));
        using var response = await user.Http.GetAsync("/api/videos");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private static string Forge(string attack, string subject, SigningCredentials ours)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = attack == "wrong issuer" ? "someone-else" : "vidsnap-auth",
            Audience = attack == "wrong audience" ? "another-api" : "vidsnap-api",
            IssuedAt = now.AddMinutes(-1),
            NotBefore = attack == "not valid for another minute" ? now.AddMinutes(1) : now.AddMinutes(-1),
            Expires = attack == "expired a minute ago" ? now.AddMinutes(-1) : now.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("email", "attacker@example.com")]),
            SigningCredentials = ours,
        };
        if (attack == "expired a minute ago")
        {
            descriptor.IssuedAt = descriptor.NotBefore = now.AddMinutes(-16);
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        switch (attack)
        {
            case "alg none":
                return Unsigned("""{"alg":"none","typ":"JWT"}""", handler.CreateToken(descriptor));
            case "signature stripped":
                return handler.CreateToken(descriptor)[..(handler.CreateToken(descriptor).LastIndexOf('.') + 1)];
            case "hs256 with the public key":
                var ecdsa = ((ECDsaSecurityKey)ours.Key).ECDsa;
                descriptor.SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(ecdsa.ExportSubjectPublicKeyInfo()) { KeyId = ours.Key.KeyId }, SecurityAlgorithms.HmacSha256);
                return handler.CreateToken(descriptor);
            case "unknown kid":
            case "known kid, other key":
                using (var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    var kid = attack == "unknown kid" ? "not-a-key-of-ours" : ours.Key.KeyId;
                    descriptor.SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);
                    return handler.CreateToken(descriptor);
                }

            case "jku header":
                descriptor.AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = "http://127.0.0.1:1/keys.json" };
                return handler.CreateToken(descriptor);
            case "jwk header":
                descriptor.AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = new Dictionary<string, object> { ["kty"] = "EC" } };
                return handler.CreateToken(descriptor);
            case "no expiry":
                descriptor.Expires = null;
                return handler.CreateToken(descriptor);
            default:
                return handler.CreateToken(descriptor);
        }
    }

    private static string Unsigned(string header, string signedToken)
    {
        var payload = signedToken.Split('.')[1];
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(header)) + "." + payload + ".";
    }
}
