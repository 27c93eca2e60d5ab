using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Infrastructure;

namespace Vidsnap.VideoWorker;

/// <summary>A worker killed mid-job leaves its scratch directory behind; at start, remove those older than any live job can be.</summary>
public sealed class WorkDirectoryJanitor(VidsnapPaths paths, IOptions<VideoWorkerOptions> options, TimeProvider time, ILogger<WorkDirectoryJanitor> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(options.Value.WorkDirectory ?? paths.Work);
        if (!root.Exists)
        {
            return Task.CompletedTask;
        }

        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.JobTimeoutMinutes + 5);
        foreach (var directory in root.EnumerateDirectories().Where(d => d.LastWriteTimeUtc < cutoff))
        {
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

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
