using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vidsnap.Embedded.Data;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.PostgreSql;

namespace Vidsnap.Host;

/// <summary>Lets `dotnet ef migrations add` build each provider's model, from every module's tables, without starting the host.</summary>
internal static class DesignTime
{
    /// <summary>No relay listens at design time; the signal only has to exist.</summary>
    public static readonly OutboxSignal Outbox = new();

    /// <summary>Nor does a change feed.</summary>
    public static readonly ChangeLogSignal ChangeLog = new();
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVidsnapDbContext>
{
    public SqliteVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite("Data Source=design.db").Options, VidsnapSchema.Modules, DesignTime.Outbox, DesignTime.ChangeLog, TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVidsnapDbContext>
{
    public PostgresVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVidsnapDbContext>().UseNpgsql("Host=localhost;Database=vidsnap").Options, VidsnapSchema.Modules, DesignTime.Outbox, DesignTime.ChangeLog, TimeProvider.System);
}
