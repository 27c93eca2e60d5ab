using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.VideoWorker;

/// <summary>
/// A worker killed mid-job leaves its scratch directory behind. Each job holds an exclusive lock on a file in
/// its directory; the kernel drops the lock when the process dies, so at start any directory whose lock can
/// be taken belongs to a dead worker and is removed, even when other workers share the data directory.
/// </summary>
public sealed class WorkDirectoryJanitor(VidsnapPaths paths, IOptions<VideoWorkerOptions> options, TimeProvider time, ILogger<WorkDirectoryJanitor> logger)
    : IHostedService
{
    private const string LockFile = ".owner.lock";

    public static FileStream Claim(string workDirectory) =>
        new(Path.Combine(workDirectory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(options.Value.WorkDirectory ?? paths.Work);
        if (!root.Exists)
        {
            return Task.CompletedTask;
        }

        foreach (var directory in root.EnumerateDirectories())
        {
            if (IsAbandoned(directory))
            {
                TryRemove(directory);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// SIGKILL takes the worker but not its ffmpeg, which would run on; any process still working in a dead
    /// worker's directory is its orphan.
    /// </summary>
    private void KillOrphans(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (!File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                using var orphan = System.Diagnostics.Process.GetProcessById(pid);
                orphan.Kill();
                orphan.WaitForExit(TimeSpan.FromSeconds(5));
                logger.LogWarning("Killed orphaned process {Pid} of a dead worker", pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended on its own, or is not ours to see.
            }
        }
    }

    private bool IsAbandoned(DirectoryInfo directory)
    {
        if (!File.Exists(Path.Combine(directory.FullName, LockFile)))
        {
            // Between creating the directory and locking it there is a moment; give it a minute.
            return directory.CreationTimeUtc < time.GetUtcNow().UtcDateTime.AddMinutes(-1);
        }

        try
        {
            using var claim = Claim(directory.FullName);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void TryRemove(DirectoryInfo directory)
    {
        KillOrphans(directory.FullName);
        try
        {
            directory.Delete(recursive: true);
            logger.LogInformation("Removed abandoned work directory {Directory}", directory.Name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not remove {Directory}", directory.FullName);
        }
    }
}
