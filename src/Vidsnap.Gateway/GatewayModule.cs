using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Gateway.ApiDocument;
using Vidsnap.Platform.ApiDocument;
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
        builder.Services.AddExceptionHandler<RoleDocumentUnavailableHandler>();
        if (clusters.Count > 0)
        {
            builder.Services.AddHttpClient(nameof(RoleDocuments), c => c.Timeout = TimeSpan.FromSeconds(5));
            builder.Services.AddSingleton<RoleDocuments>();
            builder.Services.Configure<OpenApiOptions>(ApiDocumentRegistration.Name, document => document.AddDocumentTransformer<RoleDocumentsTransformer>());
        }

        return builder;
    }

    public static WebApplication UseGatewayMiddleware(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.UseTrustedProxies(options);
        app.UseSecurityHeaders(ContentSecurityPolicy.Build(app.Services.GetRequiredService<StorageOrigins>(), options));
        app.UseApiReferencePolicy();
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

        app.MapApiReference();
        app.MapReverseProxy();
        return app;
    }
}
