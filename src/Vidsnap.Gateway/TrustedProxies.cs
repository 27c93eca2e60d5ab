using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Gateway;

/// <summary>Believes X-Forwarded-For only from the configured proxies, so a client cannot pick its own IP to dodge rate limits.</summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, GatewayOptions options) =>
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in options.TrustedProxies)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, GatewayOptions options) =>
        options.TrustedProxies.Length > 0 ? app.UseForwardedHeaders() : app;
}
