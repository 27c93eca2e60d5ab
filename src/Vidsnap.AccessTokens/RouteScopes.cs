namespace Vidsnap.AccessTokens;

/// <summary>
/// The scope each public route needs, by path and method: what the gateway checks before it proxies, and what
/// each route declares where it is mapped (a test holds the two together).
/// </summary>
public static class RouteScopes
{
    /// <summary>Most specific first.</summary>
    public static IReadOnlyList<RouteScope> All { get; } =
    [
        new("/api/keys", null, Scopes.KeysManage),
        new("/api/me", null, Scopes.AccountManage),
        new("/api/webhooks", null, Scopes.WebhooksManage),
        new("/api/limits", ["GET", "HEAD"], Scopes.VideosRead),
        new("/api/videos", ["GET", "HEAD"], Scopes.VideosRead),
        new("/api/videos", ["POST", "PUT", "PATCH", "DELETE"], Scopes.VideosWrite),
    ];

    /// <summary>The scope a request needs, or null when the route needs only a signed-in caller.</summary>
    public static string? For(string method, string path) =>
        All.FirstOrDefault(r => r.Matches(method, path))?.Scope;
}

/// <summary>Requests under <paramref name="PathPrefix"/> with one of <paramref name="Methods"/> (null: any) need <paramref name="Scope"/>.</summary>
public sealed record RouteScope(string PathPrefix, IReadOnlyList<string>? Methods, string Scope)
{
    public bool Matches(string method, string path) =>
        (path.Equals(PathPrefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(PathPrefix + "/", StringComparison.OrdinalIgnoreCase))
        && (Methods is null || Methods.Contains(method, StringComparer.OrdinalIgnoreCase));
}
