using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Platform.Data;

public static class DatabaseRegistration
{
    /// <summary>A database adapter's context, as the <see cref="VidsnapDbContext"/> every role asks for; pooled, since every request and handler takes one.</summary>
    public static IServiceCollection AddVidsnapDatabase<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> provider)
        where TContext : VidsnapDbContext
    {
        services.AddDbContextPool<TContext>(provider);
        services.AddScoped<VidsnapDbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    /// <summary>
    /// What a context reads from the application's services, for a context made outside the host (design time, a
    /// test): the tables of <paramref name="modules"/>, a clock, and signals that nothing listens to.
    /// </summary>
    public static IServiceProvider StandaloneServices(IEnumerable<TableMappings> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var services = new ServiceCollection().AddSingleton(new OutboxSignal()).AddSingleton(new ChangeLogSignal()).AddSingleton(TimeProvider.System);
        foreach (var module in modules)
        {
            services.AddTableMappings(module);
        }

        return services.BuildServiceProvider();
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
