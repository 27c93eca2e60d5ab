using System.Diagnostics;
using System.Text;
using Vidsnap.Infrastructure.Telemetry;

namespace Vidsnap.VideoWorker;

public sealed record ToolResult(int ExitCode, string StandardError);

/// <summary>
/// Runs ffmpeg or ffprobe: arguments as a list (no shell), no standard input, lower CPU priority, the whole
/// process tree killed on timeout, cancellation or a stall (no output line for the stall timeout).
/// </summary>
public static class ToolProcess
{
    private const int StderrTailChars = 4000;

    public static async Task<ToolResult> RunAsync(
        string fileName, IEnumerable<string> arguments, Action<string>? onOutputLine, TimeSpan stallTimeout, CancellationToken cancellationToken,
        Action<string>? onErrorLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        var lastActivity = Stopwatch.StartNew();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lastActivity)
            {
                lastActivity.Restart();
            }

            onOutputLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            onErrorLine?.Invoke(e.Data);
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
                if (stderr.Length > StderrTailChars * 2)
                {
                    stderr.Remove(0, stderr.Length - StderrTailChars);
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start {fileName}: {ex.Message}. Is ffmpeg installed?", ex);
        }

        process.StandardInput.Close();
        TryLowerPriority(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var stalled = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stalled.Token);
        var watchdog = WatchAsync(lastActivity, stallTimeout, stalled, linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                VidsnapTelemetry.ToolFailed(Path.GetFileName(fileName), "stalled");
                throw new TimeoutException($"{Path.GetFileName(fileName)} made no progress for {stallTimeout.TotalSeconds:0} seconds and was stopped.");
            }

            throw;
        }
        finally
        {
            await linked.CancelAsync();
            await watchdog;
        }

        if (process.ExitCode != 0)
        {
            VidsnapTelemetry.ToolFailed(Path.GetFileName(fileName), "exit");
        }

        lock (stderr)
        {
            return new ToolResult(process.ExitCode, stderr.ToString());
        }
    }

    private static async Task WatchAsync(Stopwatch lastActivity, TimeSpan stallTimeout, CancellationTokenSource stalled, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(stallTimeout.TotalMilliseconds / 4, 50, 1000));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken);
                TimeSpan idle;
                lock (lastActivity)
                {
                    idle = lastActivity.Elapsed;
                }

                if (idle > stallTimeout)
                {
                    await stalled.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void TryLowerPriority(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            // Not permitted here; the job still runs, only at normal priority.
        }
    }
}
