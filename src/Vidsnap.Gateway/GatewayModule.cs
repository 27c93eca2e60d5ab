using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Infrastructure.Security;
using Vidsnap.Infrastructure.Storage;

namespace Vidsnap.Gateway;

/// <summary>The gateway role: the public port. Authenticates /api before anything else sees it, and serves the embedded store.</summary>
public static class GatewayModule
{
    public static WebApplicationBuilder AddGatewayRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVidsnapJwtValidation();
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var (routes, clusters) = ProxyRoutes.Build(options);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddSingleton(options);
        builder.Services.AddSignInRateLimits(options);
        builder.Services.AddGatewayCors(options);
        builder.Services.AddTrustedProxies(options);
        return builder;
    }

    public static WebApplication UseGatewayMiddleware(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<GatewayOptions>();
        app.UseTrustedProxies(options);
        app.UseSecurityHeaders(ContentSecurityPolicy.Build(app.Configuration, options));
        app.UseGatewayCors(options);
        app.UseRateLimiter();
        app.UseWebApp();
        return app;
    }

    public static WebApplication MapGatewayRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<LocalObjectStore>() is not null)
        {
            app.MapLocalStorage();
        }

        app.MapReverseProxy();
        return app;
    }
}
