using System.Text.Json.Serialization;
using Vidsnap.Platform.ApiDocument;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Management;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Host;

/// <summary>Composes the roles chosen for this process on top of the platform and the mode's adapters.</summary>
public static class VidsnapHost
{
    /// <summary>
    /// What every process and command has, whatever its roles: the platform, the mode's adapters and the whole
    /// schema; the database (with the key ring kept in it) unless <paramref name="database"/> is false.
    /// </summary>
    public static VidsnapOptions AddVidsnapServices(this WebApplicationBuilder builder, bool database = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddVidsnapPlatform(database);
        builder.AddModeAdapters(options, database);
        foreach (var module in VidsnapSchema.Modules)
        {
            builder.Services.AddTableMappings(module);
        }

        return options;
    }

    public static ComposedRoles AddVidsnap(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var roles = RoleSet.Parse(builder.AddValidatedOptions<VidsnapOptions>().Roles);
        var selected = RoleModules.All.Where(m => roles.Has(m.Name)).ToList();
        builder.AddVidsnapServices(database: selected.Any(m => m.UsesDatabase));
        builder.AddManagementPort();
        builder.AddVidsnapTelemetry(roles.ServiceName);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        if (selected.Any(m => m.DescribesRoutes))
        {
            builder.AddVidsnapApiDocument();
        }

        foreach (var module in selected)
        {
            module.Register(builder);
        }

        return new ComposedRoles(roles, selected);
    }

    public static async Task RunVidsnapAsync(this WebApplication app, ComposedRoles roles)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(roles);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        foreach (var module in roles.Modules)
        {
            module.UseMiddleware?.Invoke(app);
        }

        if (roles.Modules.Any(m => m.AuthenticatesRequests))
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapHealthEndpoints();
        app.MapVidsnapMetrics();
        if (roles.Modules.Any(m => m.DescribesRoutes))
        {
            // Each HTTP role's process describes its own routes; a gateway whose roles run elsewhere adds theirs.
            app.MapVidsnapApiDocument();
        }

        foreach (var module in roles.Modules)
        {
            module.MapEndpoints?.Invoke(app);
        }

        foreach (var task in app.Services.GetServices<IStartupTask>())
        {
            await task.RunAsync(app.Lifetime.ApplicationStopping);
        }

        app.Logger.LogInformation("Vidsnap starting with roles {Roles}; data in {DataDirectory}", roles.Names, app.Services.GetRequiredService<VidsnapPaths>().Root);
        await app.RunAsync();
    }
}

/// <summary>The roles this process runs, as the role table's entries for them.</summary>
public sealed class ComposedRoles
{
    internal ComposedRoles(RoleSet names, IReadOnlyList<RoleModule> modules)
    {
        Names = names;
        Modules = modules;
    }

    public RoleSet Names { get; }

    internal IReadOnlyList<RoleModule> Modules { get; }
}
