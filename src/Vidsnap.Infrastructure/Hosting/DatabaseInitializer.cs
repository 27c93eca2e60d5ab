using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Infrastructure.Data;

namespace Vidsnap.Infrastructure;

public static class DatabaseInitializer
{
    /// <summary>
    /// Embedded mode is one process, so it migrates its SQLite file at start and turns on WAL (readers never
    /// wait for the writer). In distributed mode only the migrate command changes the schema, never a replica.
    /// </summary>
    public static async Task InitializeEmbeddedDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
