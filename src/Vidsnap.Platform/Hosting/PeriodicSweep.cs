using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vidsnap.Platform.Hosting;

/// <summary>
/// A pass that runs every <see cref="Interval"/> until the host stops (the recovery sweep, retention, pruning). A
/// failed pass is logged and tried again at the next tick, so a database that is briefly away stops nothing.
/// </summary>
public abstract class PeriodicSweep(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>Zero or less: the sweep is off.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first pass runs when the host starts, or one interval later.</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>What the pass does, for the log line of a failed one.</summary>
    protected abstract string What { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, Time);
        if (!RunsAtStart && !await NextTickAsync(timer, stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logger.LogWarning(ex, "{What} failed; trying again in {Seconds} s", What, interval.TotalSeconds);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
