using System.Text.Json.Serialization;
using Vidsnap.Api;
using Vidsnap.Auth;
using Vidsnap.Gateway;
using Vidsnap.Infrastructure;
using Vidsnap.Infrastructure.Telemetry;
using Vidsnap.Notifier;
using Vidsnap.StatusWorker;
using Vidsnap.VideoWorker;

namespace Vidsnap.Host;

/// <summary>Composes the roles chosen for this process on top of the platform's adapters.</summary>
public static class VidsnapHost
{
    public static RoleSet AddVidsnap(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var roles = RoleSet.Parse(builder.Configuration["Vidsnap:Roles"]);
        builder.AddVidsnapPlatform();
        builder.AddVidsnapTelemetry(roles.ServiceName);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        if (roles.Has(RoleSet.Gateway))
        {
            builder.AddGatewayRole();
        }

        if (roles.Has(RoleSet.Auth))
        {
            builder.AddAuthRole();
        }

        if (roles.Has(RoleSet.Api))
        {
            builder.AddApiRole();
        }

        if (roles.Has(RoleSet.VideoWorker))
        {
            builder.AddVideoWorkerRole();
        }

        if (roles.Has(RoleSet.StatusWorker))
        {
            builder.AddStatusWorkerRole();
        }

        if (roles.Has(RoleSet.Notifier))
        {
            builder.AddNotifierRole();
        }

        return roles;
    }

    public static async Task RunVidsnapAsync(this WebApplication app, RoleSet roles)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(roles);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (roles.Has(RoleSet.Gateway))
        {
            app.UseGatewayMiddleware();
        }

        if (roles.ServesHttpApi)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapHealthEndpoints();
        app.MapVidsnapMetrics();
        if (roles.Has(RoleSet.Gateway))
        {
            app.MapGatewayRole();
        }

        if (roles.Has(RoleSet.Auth))
        {
            app.MapAuthRole();
        }

        if (roles.Has(RoleSet.Api))
        {
            app.MapApiRole();
        }

        await app.Services.InitializeEmbeddedDatabaseAsync();
        app.Logger.LogInformation("Vidsnap starting with roles {Roles}; data in {DataDirectory}", roles, app.Services.GetRequiredService<VidsnapPaths>().Root);
        await app.RunAsync();
    }
}
