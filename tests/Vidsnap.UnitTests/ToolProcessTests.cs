using System.Diagnostics;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests;

/// <summary>The stall watchdog on stand-in tools: a repeated -progress block is a stall, a moving one is not; a stall kills the whole tree.</summary>
public sealed class ToolProcessTests : IDisposable
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(1);
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-tool-process-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_tool_repeating_the_same_progress_is_stopped_with_its_children()
    {
        var childPid = Path.Combine(work, "child.pid");
        var clock = Stopwatch.StartNew();
        var stalled = await Assert.ThrowsAsync<TimeoutException>(() => ToolProcess.RunAsync("bash",
            ["-c", $"sleep 300 & echo $! > '{childPid}'; while true; do printf 'frame=7\\nout_time_us=7000\\nspeed=1x\\nprogress=continue\\n'; sleep 0.1; done"],
            null, Stall, CancellationToken.None));

        Assert.InRange(clock.Elapsed, Stall, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("bash", stalled.Message, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(childPid), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(child), "the tool's child survived the kill");
    }

    [Fact]
    public async Task A_tool_whose_progress_moves_runs_past_the_stall_timeout()
    {
        var clock = Stopwatch.StartNew();
        var result = await ToolProcess.RunAsync("bash",
            ["-c", "for i in $(seq 1 25); do printf 'frame=%d\\nprogress=continue\\n' $i; sleep 0.1; done"],
            null, Stall, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed > Stall, $"finished in {clock.Elapsed}");
    }

    private static bool IsRunning(int pid)
    {
        // A killed child may linger a moment as a zombie until init reaps it.
        for (var i = 0; i < 20; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z")
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }
}
