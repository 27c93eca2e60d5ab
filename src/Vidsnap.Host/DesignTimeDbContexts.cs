using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vidsnap.Embedded.Data;
using Vidsnap.Platform.Data;
using Vidsnap.PostgreSql;

namespace Vidsnap.Host;

/// <summary>Lets `dotnet ef migrations add` build each provider's model, from every module's tables, without starting the host.</summary>
internal static class DesignTime
{
    public static readonly IServiceProvider Services = DatabaseRegistration.StandaloneServices(VidsnapSchema.Modules);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVidsnapDbContext>
{
    public SqliteVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(DesignTime.Services).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVidsnapDbContext>
{
    public PostgresVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVidsnapDbContext>().UseNpgsql("Host=localhost;Database=vidsnap").UseApplicationServiceProvider(DesignTime.Services).Options);
}
