using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The web app's session: the refresh token lives in an HttpOnly cookie that only /auth sees.</summary>
public sealed class AuthCookieTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private const string SessionHeader = "X-Vidsnap-Session";
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Cookie_mode_login_sets_an_httponly_strict_cookie_for_auth_and_keeps_the_token_out_of_the_body()
    {
        using var http = await RegisteredAsync();

        using var login = await PostAsync(http, "/auth/login", new { email = http.DefaultRequestHeaders.From, password = "correct horse battery" }, cookieMode: true);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await ApiClient.Json(login);
        Assert.NotNull(body["accessToken"]);
        Assert.Null(body["refreshToken"]);
        var cookie = RefreshCookieOf(login);
        Assert.StartsWith("vidsnap_refresh=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/auth", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here; behind HTTPS (or with Auth:SecureCookie) the cookie is Secure too.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookie_refresh_needs_the_session_header_rotates_the_cookie_and_logout_ends_the_session()
    {
        using var http = await RegisteredAsync();
        using var login = await PostAsync(http, "/auth/login", new { email = http.DefaultRequestHeaders.From, password = "correct horse battery" }, cookieMode: true);
        var first = CookieValue(login);

        using var forged = await PostAsync(http, "/auth/refresh", new { }, cookieMode: false, cookie: first);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(SessionHeader, (await ApiClient.Json(forged))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var refreshed = await PostAsync(http, "/auth/refresh", new { }, cookieMode: true, cookie: first);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Null((await ApiClient.Json(refreshed))["refreshToken"]);
        var second = CookieValue(refreshed);
        Assert.NotEqual(first, second);

        using var logout = await PostAsync(http, "/auth/logout", new { }, cookieMode: true, cookie: second);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("vidsnap_refresh=;", Assert.Single(logout.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);

        using var afterLogout = await PostAsync(http, "/auth/refresh", new { }, cookieMode: true, cookie: second);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task Behind_https_the_cookie_is_secure_and_tokens_are_never_cached()
    {
        using var http = await RegisteredAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = JsonContent.Create(new { email = http.DefaultRequestHeaders.From, password = "correct horse battery" }),
        };
        request.Headers.Add(SessionHeader, "cookie");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var login = await http.SendAsync(request);

        Assert.Contains("; secure", RefreshCookieOf(login), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", DeviceCookieOf(login), StringComparison.OrdinalIgnoreCase);
        Assert.True(login.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Json_mode_logout_revokes_the_refresh_token()
    {
        using var user = await app.SignedInAsync();

        using var logout = await user.Http.PostAsJsonAsync("/auth/logout", new { refreshToken = user.RefreshToken });
        using var refresh = await user.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    private async Task<HttpClient> RegisteredAsync()
    {
        // No cookie container: each test sends exactly the cookie it means to.
        Uri address;
        using (var probe = app.CreateClient())
        {
            address = probe.BaseAddress!;
        }

        var http = new HttpClient { BaseAddress = address };
        var email = $"cookie-{Guid.NewGuid():N}@example.com";
        http.DefaultRequestHeaders.From = email;
        using var register = await http.PostAsJsonAsync("/auth/register", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        return http;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, bool cookieMode, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (cookieMode)
        {
            request.Headers.Add(SessionHeader, "cookie");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"vidsnap_refresh={cookie}");
        }

        return await http.SendAsync(request);
    }

    private static string CookieValue(HttpResponseMessage response) =>
        RefreshCookieOf(response).Split(';')[0]["vidsnap_refresh=".Length..];

    /// <summary>The refresh cookie a response sets; a sign-in also sets the device cookie beside it.</summary>
    private static string RefreshCookieOf(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vidsnap_refresh=", StringComparison.Ordinal));

    private static string DeviceCookieOf(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vidsnap_device=", StringComparison.Ordinal));
}
