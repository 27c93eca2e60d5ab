using System.Diagnostics;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

/// <summary>
/// The stall watchdog on stand-in tools: a repeated -progress block with no input read is a stall; a moving
/// position or a growing count of bytes read is not; a stall kills the whole tree.
/// </summary>
public sealed class ToolProcessTests : IDisposable
{
    // Long enough that a stand-in tool starting on a loaded machine (python's imports) is not taken for a stall.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(2);
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-tool-process-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_tool_repeating_the_same_progress_is_stopped_with_its_children()
    {
        var childPid = Path.Combine(work, "child.pid");
        var clock = Stopwatch.StartNew();
        // Python, not a shell loop: a shell's reaped children add their reads to its own, which counts as activity.
        const string tool = """
            import subprocess, sys, time
            child = subprocess.Popen(["sleep", "300"])
            open(sys.argv[1], "w").write(str(child.pid))
            while True:
                print("frame=7\nout_time_us=7000\nspeed=1x\nprogress=continue", flush=True)
                time.sleep(0.1)
            """;
        var stalled = await Assert.ThrowsAsync<TimeoutException>(() => ToolProcess.RunAsync("python3", ["-c", tool, childPid], null, Stall, CancellationToken.None));

        Assert.InRange(clock.Elapsed, Stall, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("python", stalled.Message, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(childPid), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(child), "the tool's child survived the kill");
    }

    [Fact]
    public async Task A_tool_whose_progress_moves_runs_past_the_stall_timeout()
    {
        var clock = Stopwatch.StartNew();
        var result = await ToolProcess.RunAsync("bash",
            ["-c", "for i in $(seq 1 30); do printf 'frame=%d\\nprogress=continue\\n' $i; sleep 0.1; done"],
            null, Stall, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed > Stall, $"finished in {clock.Elapsed}");
    }

    [Fact]
    public async Task A_tool_that_writes_nothing_but_keeps_reading_its_input_runs_on()
    {
        // As a scene pass over a long still shot: no new output position, yet the input keeps being read.
        const string tool = """
            import time
            with open("/dev/zero", "rb", buffering=0) as source:
                for _ in range(50):
                    source.read(65536)
                    time.sleep(0.1)
            """;
        var clock = Stopwatch.StartNew();
        var result = await ToolProcess.RunAsync("python3", ["-c", tool], null, Stall, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed > Stall * 2, $"finished in {clock.Elapsed}");
    }

    [Fact]
    public async Task A_tool_runs_below_normal_cpu_priority()
    {
        // The priority is lowered just after the start; the stand-in looks a moment later.
        var nice = new List<string>();
        var result = await ToolProcess.RunAsync("python3", ["-c", "import os, time; time.sleep(0.5); print(os.getpriority(os.PRIO_PROCESS, 0))"],
            nice.Add, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        // Field 19 of /proc/self/stat, counted from the state field that follows the command name.
        var stat = await File.ReadAllTextAsync("/proc/self/stat");
        var own = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(int.Parse(nice.Single(), System.Globalization.CultureInfo.InvariantCulture) > own, $"tool niceness {nice.Single()}, ours {own}");
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
