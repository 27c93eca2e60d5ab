using System.Diagnostics;

namespace Vidsnap.Testing;

/// <summary>
/// `./run.sh distributed` exactly as a user starts it: PostgreSQL, S3, SQS and SMTP servers and one process per
/// role, in a temporary data directory, on a free gateway port. Stopped with SIGTERM, as Ctrl-C would. Every
/// role exports its traces by the standard OTLP settings to <see cref="Telemetry"/>.
/// </summary>
public sealed class DistributedStack : IAsyncLifetime
{
    private readonly List<string> output = [];
    private readonly string[] extraArguments;
    private Process? process;

    public DistributedStack()
        : this([])
    {
    }

    /// <summary>A stack whose roles get these settings too, e.g. "--Recovery:StaleAfterSeconds=20".</summary>
    // Not public: xunit builds a class fixture only through its one public constructor.
    internal DistributedStack(params string[] extraArguments) => this.extraArguments = extraArguments;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("vidsnap-dist-").FullName;

    public Uri Gateway { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

    public OtlpReceiver Telemetry { get; } = new();

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(Repository.Root, "run.sh"), "distributed", "--urls", Gateway.ToString().TrimEnd('/'),
            "--Consumers:video-jobs:VisibilityTimeoutSeconds=4", "--Queues:WaitSeconds=2", "--Logging:LogLevel:Default=Warning",
            "--Gateway:SignInPermitsPerMinute=100000", "--Webhooks:AllowPrivateTargets=true", "--Webhooks:RetryScheduleSeconds=1,1,1,1,1", .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Vidsnap__DataDirectory"] = DataDirectory;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint.ToString().TrimEnd('/');
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        start.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        void Record(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            if (line.StartsWith("Vidsnap is ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(4)));
        Assert.True(finished == ready.Task, $"./run.sh distributed did not become ready:\n{Output}");
    }

    /// <summary>The role processes of this stack, by role name, read from /proc as `ps` would show them.</summary>
    public Dictionary<string, List<int>> RoleProcesses()
    {
        var roles = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }

            var role = Array.IndexOf(args, "--role");
            if (role >= 0 && role + 1 < args.Length && args.Contains($"--Vidsnap:DataDirectory={DataDirectory}"))
            {
                roles.TryAdd(args[role + 1], []);
                roles[args[role + 1]].Add(pid);
            }
        }

        return roles;
    }

    public IEnumerable<string> EmailsAbout(string videoId) =>
        Directory.GetFiles(Path.Combine(DataDirectory, "mail"), "*.eml")
            .Where(f => File.ReadAllText(f).Contains($"{Guid.Parse(videoId):N}", StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process?.Dispose();
        Telemetry.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
