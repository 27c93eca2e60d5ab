using System.Diagnostics;
using System.Globalization;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>`./run.sh distributed`: its supervisor starts a killed role again; PostgreSQL and the SQS server are restarted here.</summary>
public sealed class DistributedTarget(DistributedStack stack) : IFaultTarget
{
    public string Mode => "distributed";

    public Uri Gateway => stack.Gateway;

    public string DataDirectory => stack.DataDirectory;

    public IReadOnlyList<string> Roles { get; } = ["video-worker", "status-worker", "notifier", "api", "gateway", "auth"];

    public IReadOnlyDictionary<string, Func<Task>> Restarts => new Dictionary<string, Func<Task>>
    {
        ["PostgreSQL (immediate shutdown, as a crash)"] = RestartPostgresAsync,
        ["SQS server (in-memory: every queue and message lost)"] = RestartSqsAsync,
    };

    public async Task KillAsync(string role)
    {
        foreach (var pid in stack.RoleProcesses().GetValueOrDefault(role) ?? [])
        {
            await RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private async Task RestartPostgresAsync()
    {
        var pgCtl = Directory.GetFiles("/usr/lib/postgresql", "pg_ctl", SearchOption.AllDirectories).Order().Last();
        string[] command = [pgCtl, "-D", Path.Combine(DataDirectory, "pgdata"), "restart", "-m", "immediate", "-w", "-t", "60"];
        var asRoot = Environment.UserName == "root";
        Assert.Equal(0, await RunAsync(asRoot ? "runuser" : command[0], asRoot ? ["-u", "postgres", "--", .. command] : command[1..]));
    }

    /// <summary>
    /// The SQS stand-in keeps queues in memory: SIGUSR2 makes it drop them and listen again, as a restart would.
    /// The queues are then created again by `vidsnap setup`, as the infrastructure that owns them would; the
    /// messages in them are gone, which the status worker's sweep for lost messages has to make good.
    /// </summary>
    private async Task RestartSqsAsync()
    {
        var environment = RoleEnvironment();
        var port = new Uri(environment["AWS_ENDPOINT_URL_SQS"]).Port.ToString(CultureInfo.InvariantCulture);
        var server = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out _))
            .Single(pid => Arguments(pid!) is { } args && args.Any(a => a.EndsWith("sqs-server.js", StringComparison.Ordinal)) && args.Contains(port));
        Assert.Equal(0, await RunAsync("kill", ["-USR2", server!]));
        await Task.Delay(TimeSpan.FromSeconds(3));
        for (var attempt = 0; ; attempt++)
        {
            var setup = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])[Path.Combine(Repository.Root, "artifacts", "host", "vidsnap.dll"), "setup", $"--Vidsnap:DataDirectory={DataDirectory}",
                "--Consumers:video-jobs:VisibilityTimeoutSeconds=4"])
            {
                setup.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                setup.Environment[key] = value;
            }

            using var process = Process.Start(setup)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
            {
                return;
            }

            Assert.True(attempt < 10, $"vidsnap setup failed after the SQS restart: {output}");
            await Task.Delay(1000);
        }
    }

    /// <summary>The environment ./run.sh gave its roles: endpoints and credentials of the local servers.</summary>
    private Dictionary<string, string> RoleEnvironment()
    {
        var pid = stack.RoleProcesses().Values.SelectMany(p => p).First();
        return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    }

    private static string[]? Arguments(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<int> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
