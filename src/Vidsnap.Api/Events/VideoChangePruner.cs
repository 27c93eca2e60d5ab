using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Api.Events;

/// <summary>
/// Deletes changes older than <see cref="EventsOptions.RetentionHours"/>, found through the index on their time, so
/// a pass costs what it deletes: one statement, not batches (PostgreSQL plans `IN (... LIMIT n)` as a scan of the
/// whole table). Every api process prunes; a second pruner finds nothing.
/// </summary>
public sealed class VideoChangePruner(IServiceScopeFactory scopes, IOptions<EventsOptions> options, TimeProvider time, ILogger<VideoChangePruner> logger)
    : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PruneIntervalMinutes);

    protected override string What => "Pruning old video changes";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PruneAsync(cancellationToken);

    /// <summary>One pass; answers how many changes it deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = Time.GetUtcNow().AddHours(-options.Value.RetentionHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        return await db.VideoChanges().Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken);
    }
}
