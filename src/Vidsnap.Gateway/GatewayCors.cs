using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Gateway;

/// <summary>Cross-origin access only for the origins configured in Gateway:AllowedOrigins; none by default.</summary>
internal static class GatewayCors
{
    public static IServiceCollection AddGatewayCors(this IServiceCollection services, GatewayOptions options) =>
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.AllowedOrigins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders("Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

    public static IApplicationBuilder UseGatewayCors(this IApplicationBuilder app, GatewayOptions options) =>
        options.AllowedOrigins.Length > 0 ? app.UseCors() : app;
}
