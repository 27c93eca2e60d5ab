using Microsoft.Data.Sqlite;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Embedded.Data;

/// <summary>Opens connections to the embedded database with the settings every user of it needs.</summary>
public sealed class SqliteConnectionFactory(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public static string For(VidsnapPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new SqliteConnectionStringBuilder { DataSource = paths.Database, DefaultTimeout = 30, Pooling = true }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
