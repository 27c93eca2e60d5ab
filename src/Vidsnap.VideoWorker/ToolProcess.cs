using System.Diagnostics;
using System.Text;

namespace Vidsnap.VideoWorker;

public sealed record ToolResult(int ExitCode, string StandardError);

/// <summary>
/// Runs ffmpeg or ffprobe: arguments as a list (no shell), no standard input, lower CPU priority, the whole
/// process tree killed on timeout, cancellation or a stall: for the stall timeout, neither an output line that
/// shows the work moving (a new ffmpeg -progress position, or any line of ffprobe's output) nor more input read.
/// </summary>
public static class ToolProcess
{
    private const int StderrTailChars = 4000;
    private static readonly System.Buffers.SearchValues<char> ProgressKeyCharacters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

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
        var positions = new Dictionary<string, string>(StringComparer.Ordinal);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lastActivity)
            {
                if (Moved(positions, e.Data))
                {
                    lastActivity.Restart();
                }
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
        var watchdog = WatchAsync(process.Id, lastActivity, stallTimeout, stalled, linked.Token);
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
                VideoWorkerMetrics.ToolFailed(Path.GetFileName(fileName), "stalled");
                throw new TimeoutException($"Reading the video made no progress for {stallTimeout.TotalSeconds:0} seconds and was stopped.");
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
            VideoWorkerMetrics.ToolFailed(Path.GetFileName(fileName), "exit");
        }

        lock (stderr)
        {
            return new ToolResult(process.ExitCode, stderr.ToString());
        }
    }

    /// <summary>
    /// ffmpeg prints its -progress block every half second even when stuck, so only a changed frame count,
    /// output time or output size counts; its other key=value lines do not.
    /// </summary>
    private static bool Moved(Dictionary<string, string> positions, string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || line.AsSpan(0, equals).ContainsAnyExcept(ProgressKeyCharacters))
        {
            return true;
        }

        var key = line[..equals];
        if (key is not ("frame" or "out_time_us" or "total_size"))
        {
            return false;
        }

        var value = line[(equals + 1)..];
        if (positions.TryGetValue(key, out var previous) && previous == value)
        {
            return false;
        }

        positions[key] = value;
        return true;
    }

    private static async Task WatchAsync(int pid, Stopwatch lastActivity, TimeSpan stallTimeout, CancellationTokenSource stalled, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(stallTimeout.TotalMilliseconds / 4, 50, 1000));
        var bytesRead = BytesRead(pid);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken);
                TimeSpan idle;
                var nowRead = BytesRead(pid);
                lock (lastActivity)
                {
                    // A scene pass over a long still shot writes nothing for a while, but it keeps reading the input.
                    if (nowRead > bytesRead)
                    {
                        lastActivity.Restart();
                    }

                    idle = lastActivity.Elapsed;
                }

                bytesRead = nowRead;

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

    /// <summary>How much the process has read so far (Linux; elsewhere 0, and only the output counts).</summary>
    private static long BytesRead(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith("rchar:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("rchar:".Length).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes))
                {
                    return bytes;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the process has just ended.
        }

        return 0;
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
