using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;

namespace Vidsnap.Api.Events;

/// <summary>
/// Deletes changes older than <see cref="EventsOptions.RetentionHours"/>, found through the index on their time, so
/// a pass costs what it deletes: one statement, not batches (PostgreSQL plans `IN (... LIMIT n)` as a scan of the
/// whole table). Every api process prunes; a second pruner finds nothing.
/// </summary>
public sealed class VideoChangePruner(IServiceScopeFactory scopes, IOptions<EventsOptions> options, TimeProvider time, ILogger<VideoChangePruner> logger)
    : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PruneIntervalMinutes), time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Pruning old video changes failed; trying again in {Minutes} min", options.Value.PruneIntervalMinutes);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    /// <summary>One pass; answers how many changes it deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddHours(-options.Value.RetentionHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        return await db.VideoChanges().Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken);
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
