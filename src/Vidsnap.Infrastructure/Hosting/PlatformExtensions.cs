using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Infrastructure.Aws;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Email;
using Vidsnap.Infrastructure.Messaging;
using Vidsnap.Infrastructure.Storage;

namespace Vidsnap.Infrastructure;

public static class PlatformExtensions
{
    /// <summary>
    /// Chooses the adapters behind the seams (database, object storage, queues, email). This is the one
    /// place that knows which mode runs; nothing above the seams does.
    /// </summary>
    public static WebApplicationBuilder AddVidsnapPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = builder.Configuration.GetSection(VidsnapOptions.Section).Get<VidsnapOptions>() ?? new VidsnapOptions();
        services.Configure<VidsnapOptions>(builder.Configuration.GetSection(VidsnapOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownGraceSeconds));
        services.AddSingleton<VidsnapPaths>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<QueueOptions>(builder.Configuration.GetSection(QueueOptions.Section));
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<MessagePublisher>();
        services.AddSingleton<OutboxSignal>();

        switch (options.Mode.ToUpperInvariant())
        {
            case "EMBEDDED":
                AddEmbeddedAdapters(builder);
                break;
            case "DISTRIBUTED":
                AddDistributedAdapters(builder);
                break;
            default:
                throw new InvalidOperationException(
                    $"Vidsnap:Mode '{options.Mode}' is not known. Use 'embedded' or 'distributed'.");
        }

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"]);
        return builder;
    }

    /// <summary>Registers a consumer of TMessage's queue with its handler; settings from Consumers:&lt;queue&gt;.</summary>
    public static IServiceCollection AddQueueConsumer<TMessage, THandler>(this IServiceCollection services, IConfiguration configuration)
        where TMessage : Contracts.IQueueMessage
        where THandler : class, IMessageHandler<TMessage>
    {
        var queue = Contracts.QueueAttribute.NameOf<TMessage>();
        services.Configure<ConsumerOptions>(queue, configuration.GetSection($"Consumers:{queue}"));
        services.AddScoped<IMessageHandler<TMessage>, THandler>();
        services.AddHostedService<QueueConsumer<TMessage>>();
        return services;
    }

    /// <summary>Roles that write to the outbox call this; the relay runs once per process however many do.</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services;
    }

    private static void AddEmbeddedAdapters(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new SqliteConnectionFactory(SqliteConnectionFactory.For(sp.GetRequiredService<VidsnapPaths>())));
        services.AddDbContext<SqliteVidsnapDbContext>((sp, db) => db.UseSqlite(sp.GetRequiredService<SqliteConnectionFactory>().ConnectionString));
        services.AddScoped<VidsnapDbContext>(sp => sp.GetRequiredService<SqliteVidsnapDbContext>());
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<SqliteMessageQueue>();
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<SqliteMessageQueue>());

        services.Configure<LocalStorageOptions>(builder.Configuration.GetSection(LocalStorageOptions.Section));
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<LocalStorageOptions>>().Value.SigningKey;
            var key = string.IsNullOrEmpty(configured)
                ? sp.GetRequiredService<VidsnapPaths>().GetOrCreateSecret("storage-signing.key", 32)
                : Convert.FromBase64String(configured);
            return new LocalUrlSigner(key, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<LocalObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<LocalObjectStore>());

        AddEmailSender(builder);
    }

    /// <summary>PostgreSQL, S3 and SQS, reached with the standard AWS settings; SMTP when configured.</summary>
    private static void AddDistributedAdapters(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("Vidsnap");
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("Distributed mode needs the PostgreSQL connection string ConnectionStrings:Vidsnap (ConnectionStrings__Vidsnap).");
        }

        services.AddDbContext<PostgresVidsnapDbContext>(db => db.UseNpgsql(connectionString));
        services.AddScoped<VidsnapDbContext>(sp => sp.GetRequiredService<PostgresVidsnapDbContext>());

        services.Configure<S3StorageOptions>(builder.Configuration.GetSection(S3StorageOptions.Section));
        services.AddSingleton(sp => AwsClients.CreateS3(builder.Configuration, sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
        services.AddSingleton<S3ObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());

        services.Configure<SqsOptions>(builder.Configuration.GetSection(SqsOptions.Section));
        services.AddSingleton(_ => AwsClients.CreateSqs(builder.Configuration));
        services.AddSingleton<SqsMessageQueue>();
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<SqsMessageQueue>());

        AddEmailSender(builder);
    }

    private static void AddEmailSender(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[$"{SmtpOptions.Section}:Host"]))
        {
            builder.Services.AddSingleton<IEmailSender, FileEmailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
    }
}
