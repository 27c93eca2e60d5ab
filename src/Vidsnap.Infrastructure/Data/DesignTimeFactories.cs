using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vidsnap.Infrastructure.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's model without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVidsnapDbContext>
{
    public SqliteVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVidsnapDbContext>
{
    public PostgresVidsnapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVidsnapDbContext>().UseNpgsql("Host=localhost;Database=vidsnap").Options);
}
