using Vidsnap.AccessTokens;
using Yarp.ReverseProxy.Configuration;

namespace Vidsnap.Gateway;

/// <summary>
/// Proxy routes for the roles that run in other processes; co-hosted roles answer directly. The gateway checks
/// each route's scope (<see cref="RouteScopes"/>) before it forwards, and the role checks it again.
/// </summary>
internal static class ProxyRoutes
{
    public static (List<RouteConfig> Routes, List<ClusterConfig> Clusters) Build(GatewayOptions options)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        if (options.AuthUrl is { Length: > 0 } auth)
        {
            clusters.Add(Cluster("auth", auth));
            routes.Add(Route("auth", "auth", "/auth/{**rest}", "anonymous"));
        }

        if (options.ApiUrl is { Length: > 0 } api)
        {
            clusters.Add(Cluster("api", api));
            routes.Add(Route("api", "api", "/api/{**rest}", "default"));
        }

        foreach (var (scope, i) in RouteScopes.All.Select((s, i) => (s, i)))
        {
            // Keys and the account belong to auth; everything else under /api to the api role.
            var cluster = scope.PathPrefix is "/api/keys" or "/api/me" ? "auth" : "api";
            if (clusters.Any(c => c.ClusterId == cluster))
            {
                routes.Add(Route($"{cluster}-{i}", cluster, scope.PathPrefix + "/{**rest}", scope.Scope) with
                {
                    Match = new RouteMatch { Path = scope.PathPrefix + "/{**rest}", Methods = scope.Methods },
                });
            }
        }

        return (routes, clusters);
    }

    /// <summary>The cluster these routes forward a path to (the most specific route's), or null when the gateway answers it itself.</summary>
    public static string? ClusterFor(IEnumerable<RouteConfig> routes, string path) =>
        routes.Select(r => (r.ClusterId, Prefix: r.Match.Path!.Replace("/{**rest}", string.Empty, StringComparison.Ordinal)))
            .Where(r => path.Equals(r.Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(r.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Prefix.Length)
            .Select(r => r.ClusterId)
            .FirstOrDefault();

    private static RouteConfig Route(string id, string cluster, string path, string policy) =>
        new() { RouteId = id, ClusterId = cluster, AuthorizationPolicy = policy, Match = new RouteMatch { Path = path } };

    private static ClusterConfig Cluster(string id, string address) =>
        new() { ClusterId = id, Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } } };
}
