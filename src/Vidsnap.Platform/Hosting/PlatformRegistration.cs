using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Quotas;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Webhooks;

namespace Vidsnap.Platform.Hosting;

public static class PlatformRegistration
{
    /// <summary>
    /// What every process needs above the seams, whatever its roles and mode: options, the data directory,
    /// problem details, the publisher and outbox signal, the consumers' settings and the health checks. The
    /// adapters behind the seams are registered by the adapter sets the mode picks. Without <paramref name="database"/>
    /// (roles that never touch it) there is no key ring, which lives in the database, and no database check.
    /// </summary>
    public static VidsnapOptions AddVidsnapPlatform(this IHostApplicationBuilder builder, bool database = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = builder.AddValidatedOptions<VidsnapOptions>();
        builder.AddValidatedOptions<QueueOptions>();
        builder.AddValidatedOptions<EmailOptions>();
        foreach (var queue in QueueNames.All)
        {
            services.AddValidatedOptions<ConsumerOptions>(queue, builder.Configuration.GetSection(ConsumerOptions.SectionOf(queue)));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HostOptions>().Configure<IOptions<VidsnapOptions>>(
            (host, vidsnap) => host.ShutdownTimeout = TimeSpan.FromSeconds(vidsnap.Value.ShutdownGraceSeconds));
        services.AddSingleton<VidsnapPaths>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.AddValidatedOptions<SecretsOptions>();
        if (database)
        {
            services.AddDataProtection().SetApplicationName("vidsnap").PersistKeysToDbContext<VidsnapDbContext>();
            services.AddOptions<KeyManagementOptions>().Configure<MasterKey>((keys, master) => keys.XmlEncryptor = new MasterKeyXmlEncryptor(master));
            services.AddSingleton<SecretProtector>();
        }

        builder.AddValidatedOptions<WebhookOptions>();
        builder.AddValidatedOptions<QuotaOptions>();
        services.AddSingleton<MessagePublisher>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ChangeLogSignal>();
        services.AddTableMappings(TableMappings.Of<OutboxMessage>());
        var checks = services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"]);
        if (database)
        {
            checks.AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        }

        return options;
    }

    /// <summary>Registers a consumer of TMessage's queue with its handler; its settings are that queue's ConsumerOptions.</summary>
    public static IServiceCollection AddQueueConsumer<TMessage, THandler>(this IServiceCollection services)
        where TMessage : IQueueMessage
        where THandler : class, IMessageHandler<TMessage>
    {
        services.AddScoped<IMessageHandler<TMessage>, THandler>();
        services.AddHostedService<QueueConsumer<TMessage>>();
        return services;
    }

    /// <summary>Roles that write to the outbox call this; the relay runs once per process however many do.</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        // Keyed by implementation type: a second call adds nothing, so one process never relays twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelay>());
        return services;
    }
}
