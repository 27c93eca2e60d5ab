using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Platform.Data;

public static class DatabaseRegistration
{
    /// <summary>A database adapter's context, as the <see cref="VidsnapDbContext"/> every role asks for.</summary>
    public static IServiceCollection AddVidsnapDatabase<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> provider)
        where TContext : VidsnapDbContext
    {
        services.AddDbContext<TContext>(provider);
        services.AddScoped<VidsnapDbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    /// <summary>Adds a module's tables to the one database's model.</summary>
    public static IServiceCollection AddTableMappings(this IServiceCollection services, TableMappings mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        if (!services.Any(s => s.ServiceType == typeof(TableMappings) && Equals(s.ImplementationInstance, mappings)))
        {
            services.AddSingleton(mappings);
        }

        return services;
    }
}
