using Microsoft.EntityFrameworkCore;
using Vidsnap.Embedded.Data;
using Vidsnap.Host;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.PostgreSql;

namespace Vidsnap.Testing;

/// <summary>The product's database on either provider, opened as the roles open it: every module's tables, the outbox on save.</summary>
public static class TestDatabases
{
    public static SqliteVidsnapDbContext Sqlite(string connectionString) =>
        new(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite(connectionString).Options, VidsnapSchema.Modules, new OutboxSignal(), new ChangeLogSignal(), TimeProvider.System);

    public static PostgresVidsnapDbContext Postgres(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresVidsnapDbContext>().UseNpgsql(connectionString).Options, VidsnapSchema.Modules, new OutboxSignal(), new ChangeLogSignal(), TimeProvider.System);
}
