using System.Diagnostics;

namespace Vidsnap.Testing;

/// <summary>
/// Real PostgreSQL, S3-compatible (s3rver), SQS-compatible (local-aws-sqs) and SMTP (aiosmtpd) servers for the
/// contract tests, started by scripts/local-services-up.sh and stopped when the fixture is disposed.
/// </summary>
public sealed class LocalServices : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-services-").FullName;
    private readonly Dictionary<string, string> values = [];
    private Process? process;

    public int PostgresPort => int.Parse(values["PG_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    public string S3Endpoint => $"http://127.0.0.1:{values["S3_PORT"]}";

    public string SqsEndpoint => $"http://127.0.0.1:{values["SQS_PORT"]}";

    public int SmtpPort => int.Parse(values["SMTP_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    public string MailDirectory => values["MAIL_DIR"];

    public string PostgresConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Database={database};Username=postgres;Pooling=false";

    /// <summary>A new, empty database for one test class, so tests never see each other's rows.</summary>
    public async Task CreateDatabaseAsync(string database) =>
        await AdminAsync($"CREATE DATABASE \"{database}\"");

    public async Task DropDatabaseAsync(string database) =>
        await AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "local-services-up.sh"));
        start.ArgumentList.Add(directory);
        process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "READY")
            {
                // The same (harmless, local) key pair s3rver accepts; the SQS server takes any.
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
                return;
            }

            var parts = line.Split('=', 2);
            if (parts.Length == 2)
            {
                values[parts[0]] = parts[1];
            }
        }

        Assert.Fail($"Local services did not start: {await errors}");
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(PostgresConnectionString("postgres"));
        await admin.OpenAsync();
#pragma warning disable CA2100 // Database names are made by the tests from GUIDs.
        await using var command = new Npgsql.NpgsqlCommand(sql, admin);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process?.Dispose();
        await Task.Run(() =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        });
    }
}
