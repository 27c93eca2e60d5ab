using Microsoft.AspNetCore.Http;

namespace Vidsnap.Auth;

/// <summary>
/// The browser's way to hold a refresh token: an HttpOnly cookie that scripts cannot read, sent only to
/// /auth and only from this site. A client asks for it with the <see cref="HeaderName"/> header; API
/// clients that send no such header keep getting the token in the JSON body.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "vidsnap_refresh";
    public const string HeaderName = "X-Vidsnap-Session";
    public const string HeaderValue = "cookie";
    private const string Path = "/auth";

    /// <summary>
    /// A cross-site page can make a browser send cookies but cannot add a custom header without a CORS
    /// preflight, which this server never grants: the header is the CSRF guard, SameSite=Strict the second one.
    /// </summary>
    public static bool Requested(HttpRequest request) =>
        string.Equals(request.Headers[HeaderName], HeaderValue, StringComparison.OrdinalIgnoreCase);

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Write(HttpContext context, string refreshToken, DateTimeOffset expires, AuthOptions options) =>
        context.Response.Cookies.Append(Name, refreshToken, Options(context, options, expires));

    public static void Clear(HttpContext context, AuthOptions options) =>
        context.Response.Cookies.Delete(Name, Options(context, options, expires: null));

    /// <summary>
    /// HTTPS as the browser sees it: the gateway proxying to a separate auth role says so in X-Forwarded-Proto.
    /// A forged header can only leave the cookie unmarked on a request that skipped the gateway, or mark it on plain HTTP, where the browser then drops it.
    /// </summary>
    internal static bool IsHttps(HttpRequest request) =>
        request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim(), "https", StringComparison.OrdinalIgnoreCase);

    private static CookieOptions Options(HttpContext context, AuthOptions options, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = options.SecureCookie ?? IsHttps(context.Request),
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
