using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Embedded.Data;

/// <summary>
/// Embedded mode is one process, so it migrates its SQLite file at start and turns on WAL (readers never wait
/// for the writer). In distributed mode only `vidsnap migrate` changes the schema, never a replica.
/// </summary>
internal sealed class EmbeddedDatabaseStartup(IServiceProvider services, VidsnapPaths paths) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Everything embedded mode keeps is below the data directory: only this account may look in it.
        OwnerOnly.Directory(paths.Root);

        // SQLite gives its WAL and shared-memory files the database file's mode: make that owner-only first.
        if (!File.Exists(paths.Database))
        {
            await using (new FileStream(paths.Database, OwnerOnly.NewFile(FileMode.CreateNew)))
            {
            }
        }

        foreach (var file in (string[])[paths.Database, paths.Database + "-wal", paths.Database + "-shm"])
        {
            OwnerOnly.Restrict(file);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await services.MigrateDatabaseAsync(cancellationToken);
    }
}
