using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Vidsnap.Auth;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>A rotation with validators caching the JWKS for 1 s and a new key published 3 s before it signs.</summary>
public sealed class KeyRotationTests : IDisposable
{
    private readonly VidsnapApp app = new(new Dictionary<string, string>
    {
        ["Auth:SigningKeyActivationDelaySeconds"] = "3",
        ["Jwt:KeysCacheSeconds"] = "1",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_new_key_is_published_before_it_signs_and_tokens_of_the_old_key_stay_valid()
    {
        using var user = await app.SignedInAsync();
        var oldToken = user.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var oldKid = new JsonWebToken(oldToken).Kid;
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/videos")).StatusCode);

        var newKid = await app.Services.GetRequiredService<SigningKeyStore>().RotateAsync(CancellationToken.None);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal([newKid, oldKid], await PublishedKidsAsync(user));

        // Published, not yet signing.
        Assert.Equal(oldKid, new JsonWebToken(await LoginAsync(user)).Kid);

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var newToken = await LoginAsync(user);
        Assert.Equal(newKid, new JsonWebToken(newToken).Kid);

        // Both are accepted on the first try: no request ever meets a key its validator has not heard of.
        foreach (var token in new[] { newToken, oldToken })
        {
            user.UseToken(token);
            Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/videos")).StatusCode);
        }
    }

    private static async Task<string[]> PublishedKidsAsync(ApiClient client)
    {
        var jwks = await ApiClient.Json(await client.Http.GetAsync("/auth/.well-known/jwks.json"));
        return [.. jwks["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>())];
    }

    private static async Task<string> LoginAsync(ApiClient client)
    {
        using var response = await client.Http.PostAsJsonAsync("/auth/login", new { email = client.Email, password = "correct horse battery" });
        return (await ApiClient.Json(response))["accessToken"]!.GetValue<string>();
    }
}
