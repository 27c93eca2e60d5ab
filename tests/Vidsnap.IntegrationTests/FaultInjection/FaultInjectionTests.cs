using System.Globalization;
using Vidsnap.Testing;
using Xunit.Abstractions;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>
/// The short version runs in ./test.sh; ./fault-injection.sh runs the full one (VIDSNAP_FAULT_VIDEOS=100,
/// VIDSNAP_FAULT_KILLS=20 by default) and prints the reports.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static int Videos(int fallback) => Setting("VIDSNAP_FAULT_VIDEOS", fallback);

    private static int Kills(int fallback) => Setting("VIDSNAP_FAULT_KILLS", fallback);

    [Fact]
    public async Task Distributed_stack_loses_nothing_while_roles_are_killed_and_servers_restarted()
    {
        var stack = new DistributedStack(
            "--Recovery:IntervalSeconds=5", "--Recovery:StaleAfterSeconds=20",
            "--Consumers:status-events:VisibilityTimeoutSeconds=5", "--Consumers:notifications:VisibilityTimeoutSeconds=5");
        await stack.InitializeAsync();
        try
        {
            await RunAndCheckAsync(new DistributedTarget(stack), Videos(12), Kills(6));
        }
        finally
        {
            await stack.DisposeAsync();
        }
    }

    [Fact]
    public async Task Embedded_process_loses_nothing_while_it_is_killed_and_started_again()
    {
        using var target = new EmbeddedTarget();
        await target.StartAsync();
        await RunAndCheckAsync(target, Videos(10), Kills(3));
    }

    private async Task RunAndCheckAsync(IFaultTarget target, int videos, int kills)
    {
        var report = await new FaultInjectionRun(target, videos, kills, output).RunAsync();
        output.WriteLine(report.ToString());
        var reports = Path.Combine(Repository.Root, "artifacts", "fault-injection");
        Directory.CreateDirectory(reports);
        await File.WriteAllTextAsync(Path.Combine(reports, $"{target.Mode}.txt"),
            $"{DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {videos} videos submitted, {kills} kills requested\n{report}\n");

        Assert.Equal(kills, report.Kills);
        Assert.Equal(target.Restarts.Count, report.Restarts.Count);
        Assert.True(report.Acknowledged >= videos * 9 / 10, report.ToString());
        Assert.True(report.Lost.Count == 0 && report.DuplicateZips.Count == 0 && report.DuplicateEmails.Count == 0, report.ToString());
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
