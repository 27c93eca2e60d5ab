using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>The one embedded process: SIGKILLed and started again on the same port and data directory.</summary>
public sealed class EmbeddedTarget : IFaultTarget, IDisposable
{
    private readonly int port = HostProcess.FreePort();
    private readonly Dictionary<string, string> settings;
    private HostProcess? process;

    public EmbeddedTarget()
    {
        DataDirectory = Directory.CreateTempSubdirectory("vidsnap-fault-").FullName;
        settings = new Dictionary<string, string>
        {
            ["Vidsnap:DataDirectory"] = DataDirectory,
            ["Consumers:video-jobs:VisibilityTimeoutSeconds"] = "4",
            ["Consumers:status-events:VisibilityTimeoutSeconds"] = "4",
            ["Consumers:notifications:VisibilityTimeoutSeconds"] = "4",
            ["Queues:WaitSeconds"] = "1",
            ["Recovery:IntervalSeconds"] = "5",
            ["Recovery:StaleAfterSeconds"] = "20",
            ["Gateway:SignInPermitsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public string Mode => "embedded";

    public Uri Gateway => new($"http://127.0.0.1:{port}");

    public string DataDirectory { get; }

    public IReadOnlyList<string> Roles { get; } = ["all"];

    public IReadOnlyDictionary<string, Func<Task>> Restarts { get; } = new Dictionary<string, Func<Task>>();

    public async Task StartAsync() => process = await HostProcess.StartAsync(port, settings);

    public async Task KillAsync(string role)
    {
        process?.KillHard();
        process?.Dispose();
        await StartAsync();
    }

    public void Dispose()
    {
        process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
