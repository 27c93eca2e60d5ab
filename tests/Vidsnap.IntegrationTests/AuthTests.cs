using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class AuthTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")]
    public async Task Api_without_a_valid_token_is_401_problem(string? token)
    {
        using var client = app.Anonymous();
        client.UseToken(token);

        using var response = await client.Http.GetAsync("/api/videos");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Register_validates_and_makes_no_second_account_for_one_email()
    {
        using var client = app.Anonymous();
        using var shortPassword = await client.Http.PostAsJsonAsync("/auth/register", new { email = "short@example.com", password = "1234567" });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.NotNull((await ApiClient.Json(shortPassword))["errors"]!["password"]);

        using var badEmail = await client.Http.PostAsJsonAsync("/auth/register", new { email = "not an email", password = "long enough" });
        Assert.NotNull((await ApiClient.Json(badEmail))["errors"]!["email"]);

        using var first = await client.Http.PostAsJsonAsync("/auth/register", new { email = "Twice@Example.com", password = "long enough" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.Http.PostAsJsonAsync("/auth/register", new { email = "twice@example.com", password = "other password" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        using var secondPassword = await client.Http.PostAsJsonAsync("/auth/login", new { email = "twice@example.com", password = "other password" });
        Assert.Equal(HttpStatusCode.Unauthorized, secondPassword.StatusCode);
        using var firstPassword = await client.Http.PostAsJsonAsync("/auth/login", new { email = "twice@example.com", password = "long enough" });
        Assert.Equal(HttpStatusCode.OK, firstPassword.StatusCode);
    }

    [Fact]
    public async Task Login_gives_a_short_lived_es256_token_and_refuses_a_wrong_password()
    {
        using var client = app.Anonymous();
        await client.Http.PostAsJsonAsync("/auth/register", new { email = "login@example.com", password = "long enough" });

        using var wrong = await client.Http.PostAsJsonAsync("/auth/login", new { email = "login@example.com", password = "long enougH" });
        using var unknown = await client.Http.PostAsJsonAsync("/auth/login", new { email = "nobody@example.com", password = "long enough" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await ApiClient.Json(wrong))["detail"]!.GetValue<string>(), (await ApiClient.Json(unknown))["detail"]!.GetValue<string>());

        using var right = await client.Http.PostAsJsonAsync("/auth/login", new { email = "LOGIN@example.com", password = "long enough" });
        var tokens = await ApiClient.Json(right);
        Assert.Equal(900, tokens["expiresIn"]!.GetValue<int>());
        var jwt = new JsonWebToken(tokens["accessToken"]!.GetValue<string>());
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.ValidFrom);

        using var jwks = await client.Http.GetAsync("/auth/.well-known/jwks.json");
        var key = (await ApiClient.Json(jwks))["keys"]!.AsArray().Single()!;
        Assert.Equal(jwt.Kid, key["kid"]!.GetValue<string>());
        Assert.Null(key["d"]);
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_stops_working()
    {
        using var user = await app.SignedInAsync();
        var old = user.RefreshToken;

        using var refreshed = await user.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken = old });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var pair = await ApiClient.Json(refreshed);
        var next = pair["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(old, next);
        user.UseToken(pair["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/videos")).StatusCode);

        using var reused = await user.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken = old });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);

        // Reuse of a rotated token revokes the family: the token issued after it is dead too.
        using var afterTheft = await user.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken = next });
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheft.StatusCode);
    }
}
