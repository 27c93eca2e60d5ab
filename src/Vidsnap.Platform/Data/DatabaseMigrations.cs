using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Platform.Data;

public static class DatabaseMigrations
{
    /// <summary>Brings the schema up to date: `vidsnap migrate` in distributed mode, the embedded database at start.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
