using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Embedded.Data;
using Vidsnap.Embedded.Email;
using Vidsnap.Embedded.Queues;
using Vidsnap.Embedded.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Embedded;

/// <summary>Everything embedded mode keeps in its data directory; each adapter registers what it can do with it.</summary>
public static class EmbeddedAdapters
{
    /// <summary>The database as a SQLite file, migrated at start, and the durable queues inside it.</summary>
    public static IHostApplicationBuilder AddSqliteDatabaseAndQueues(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => new SqliteConnectionFactory(SqliteConnectionFactory.For(sp.GetRequiredService<VidsnapPaths>())));
        services.AddVidsnapDatabase<SqliteVidsnapDbContext>((sp, db) => db.UseSqlite(sp.GetRequiredService<SqliteConnectionFactory>().ConnectionString));
        services.AddSingleton<IStartupTask, EmbeddedDatabaseStartup>();
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<SqliteMessageQueue>();
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<SqliteMessageQueue>());
        return builder;
    }

    /// <summary>Objects as files, reached by clients through signed URLs the gateway serves on its own origin.</summary>
    public static IHostApplicationBuilder AddLocalObjectStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<LocalStorageOptions>();
        var services = builder.Services;
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
        services.AddSingleton(StorageOrigins.SameOrigin);
        services.AddSingleton<IPublicEndpoints, LocalStorageEndpoints>();
        return builder;
    }

    /// <summary>The master key from Secrets:MasterKey, or else made once and kept owner-only in the data directory.</summary>
    public static IHostApplicationBuilder AddMasterKeyFile(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.AddValidatedOptions<SecretsOptions>().MasterKey;
        builder.Services.AddSingleton(sp => new MasterKey(string.IsNullOrEmpty(configured)
            ? sp.GetRequiredService<VidsnapPaths>().GetOrCreateSecret("master.key", 32)
            : Convert.FromBase64String(configured)));
        return builder;
    }

    /// <summary>Each email as an .eml file under &lt;data&gt;/mail, for when no SMTP server is configured.</summary>
    public static IHostApplicationBuilder AddMailFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IEmailSender, FileEmailSender>();
        return builder;
    }
}
