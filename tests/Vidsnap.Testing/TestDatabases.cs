using Microsoft.EntityFrameworkCore;
using Vidsnap.Embedded.Data;
using Vidsnap.Host;
using Vidsnap.Platform.Data;
using Vidsnap.PostgreSql;

namespace Vidsnap.Testing;

/// <summary>The product's database on either provider, opened as the roles open it: every module's tables, the outbox on save.</summary>
public static class TestDatabases
{
    private static readonly IServiceProvider Services = DatabaseRegistration.StandaloneServices(VidsnapSchema.Modules);

    public static SqliteVidsnapDbContext Sqlite(string connectionString) =>
        new(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite(connectionString).UseApplicationServiceProvider(Services).Options);

    public static PostgresVidsnapDbContext Postgres(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresVidsnapDbContext>().UseNpgsql(connectionString).UseApplicationServiceProvider(Services).Options);
}
