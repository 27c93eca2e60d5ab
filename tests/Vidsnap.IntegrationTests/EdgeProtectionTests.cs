using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The gateway's own defences, on an app configured with a low sign-in limit and one allowed browser origin.</summary>
public sealed class EdgeProtectionTests : IDisposable
{
    private const string AllowedOrigin = "https://app.example";
    private readonly VidsnapApp app = new(new Dictionary<string, string>
    {
        ["Gateway:SignInPermitsPerMinute"] = "3",
        ["Gateway:AllowedOrigins:0"] = AllowedOrigin,
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Sign_ins_beyond_the_per_ip_limit_are_429_with_retry_after_and_other_routes_still_work()
    {
        using var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.Http.PostAsJsonAsync("/auth/login", new { email = $"a{i}@example.com", password = "whatever long" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await client.Http.PostAsJsonAsync("/auth/login", new { email = "b@example.com", password = "whatever long" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);

        using var register = await client.Http.PostAsJsonAsync("/auth/register", new { email = "c@example.com", password = "whatever long" });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);

        // The routes that take an emailed code share the budget: guessing codes from one address is as slow.
        using var reset = await client.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code = "guess", newPassword = "whatever long" });
        Assert.Equal(HttpStatusCode.TooManyRequests, reset.StatusCode);
        using var unlock = await client.Http.PostAsJsonAsync("/auth/unlock/confirm", new { code = "guess" });
        Assert.Equal(HttpStatusCode.TooManyRequests, unlock.StatusCode);

        using var jwks = await client.Http.GetAsync("/auth/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
    }

    [Fact]
    public async Task Cors_answers_only_the_configured_origin()
    {
        using var client = app.Anonymous();
        using var allowed = await PreflightAsync(client, AllowedOrigin);
        Assert.Equal(AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var refused = await PreflightAsync(client, "https://evil.example");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/auth/.well-known/jwks.json");
        plain.Headers.Add("Origin", "https://evil.example");
        using var response = await client.Http.SendAsync(plain);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Security_headers_are_on_every_answer()
    {
        using var client = app.Anonymous();
        foreach (var path in new[] { "/auth/.well-known/jwks.json", "/api/videos", "/no/such/route" })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    private static async Task<HttpResponseMessage> PreflightAsync(ApiClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/videos");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await client.Http.SendAsync(request);
    }
}
