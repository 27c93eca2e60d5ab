using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Options;

namespace Vidsnap.PostgreSql;

public static class PostgreSqlAdapter
{
    /// <summary>The database on PostgreSQL; its schema changes only through `vidsnap migrate`, never at a role's start.</summary>
    public static IHostApplicationBuilder AddPostgreSqlDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.AddValidatedOptions<PostgreSqlOptions>().ConnectionString;
        builder.Services.AddVidsnapDatabase<PostgresVidsnapDbContext>((_, db) => db.UseNpgsql(connectionString));
        return builder;
    }
}
