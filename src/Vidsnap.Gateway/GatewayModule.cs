using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Gateway;

/// <summary>The gateway role: the public port. Authenticates /api before anything else sees it, and serves what the adapters publish.</summary>
public static class GatewayModule
{
    public static WebApplicationBuilder AddGatewayRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVidsnapAuthentication();
        var options = builder.AddValidatedOptions<GatewayOptions>();
        var (routes, clusters) = ProxyRoutes.Build(options);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddSignInRateLimits(options);
        builder.Services.AddGatewayCors(options);
        builder.Services.AddTrustedProxies(options);
        return builder;
    }

    public static WebApplication UseGatewayMiddleware(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.UseTrustedProxies(options);
        app.UseSecurityHeaders(ContentSecurityPolicy.Build(app.Services.GetRequiredService<StorageOrigins>(), options));
        app.UseGatewayCors(options);
        app.UseRateLimiter();
        app.UseWebApp();
        return app;
    }

    public static WebApplication MapGatewayRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var endpoints in app.Services.GetServices<IPublicEndpoints>())
        {
            endpoints.Map(app);
        }

        app.MapReverseProxy();
        return app;
    }
}
