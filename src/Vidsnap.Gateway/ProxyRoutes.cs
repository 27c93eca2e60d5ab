using Yarp.ReverseProxy.Configuration;

namespace Vidsnap.Gateway;

/// <summary>Proxy routes for the roles that run in other processes; co-hosted roles answer directly.</summary>
internal static class ProxyRoutes
{
    public static (List<RouteConfig> Routes, List<ClusterConfig> Clusters) Build(GatewayOptions options)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        Add("auth", "/auth/{**rest}", options.AuthUrl, "anonymous");
        Add("api", "/api/{**rest}", options.ApiUrl, "default");
        return (routes, clusters);

        void Add(string name, string path, string? destination, string policy)
        {
            if (string.IsNullOrEmpty(destination))
            {
                return;
            }

            routes.Add(new RouteConfig { RouteId = name, ClusterId = name, AuthorizationPolicy = policy, Match = new RouteMatch { Path = path } });
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = new Dictionary<string, DestinationConfig> { [name] = new() { Address = destination } },
            });
        }
    }
}
