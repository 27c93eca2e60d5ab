using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.StatusWorker;

/// <summary>
/// The last line against lost messages (a queue server that lost its state, a purged queue): sends again the
/// job of a video stuck in Queued or Processing, and the email request of a finished video whose email was
/// never sent. Every handler is idempotent, so a message sent again needlessly costs work, never a duplicate.
/// </summary>
public sealed class StalledVideoSweeper(
    IServiceScopeFactory scopes, IOptions<RecoveryOptions> options, TimeProvider time, ILogger<StalledVideoSweeper> logger)
    : PeriodicSweep(time, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override bool RunsAtStart => false;

    protected override string What => "Looking for stalled videos";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One pass; answers how many messages it sent again.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        var staleBefore = now.AddSeconds(-settings.StaleAfterSeconds);
        var since = now.AddHours(-settings.LookbackHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var stale = await db.Videos().AsNoTracking()
            .Where(v => v.UpdatedAt < staleBefore && v.UpdatedAt > since && v.Status != VideoStatus.AwaitingUpload)
            .Select(v => new { v.Id, v.Status, v.Attempt })
            .ToListAsync(cancellationToken);

        // Finished videos are the many; those whose email went out are dropped in bulk before any is loaded.
        var unfinished = stale.Where(v => v.Status is VideoStatus.Queued or VideoStatus.Processing).Select(v => v.Id).ToList();
        var finished = stale.Where(v => v.Status is VideoStatus.Completed or VideoStatus.Failed)
            .ToDictionary(v => NotificationRequest.KeyFor(v.Id, v.Attempt, v.Status), v => v.Id);
        var sent = new HashSet<string>();
        foreach (var chunk in finished.Keys.Chunk(BatchSize))
        {
            sent.UnionWith(await db.SentNotifications().Where(n => chunk.Contains(n.Key) && n.SentAt != null).Select(n => n.Key).ToListAsync(cancellationToken));
        }

        var resent = 0;
        foreach (var id in unfinished.Concat(finished.Where(f => !sent.Contains(f.Key)).Select(f => f.Value)))
        {
            db.ChangeTracker.Clear();
            var video = await db.Videos().Include(v => v.History).SingleAsync(v => v.Id == id, cancellationToken);
            var recovery = video.RecoverIfStalled(TimeSpan.FromSeconds(settings.StaleAfterSeconds), now, settings.MaxResends);
            if (recovery != Recovery.None && await TrySaveAsync(db, cancellationToken))
            {
                resent++;
                Logger.LogWarning("Video {VideoId} is {Status} with no news since {StaleBefore}: {Recovery}", video.Id, video.Status, staleBefore, recovery);
            }
        }

        return resent;
    }

    /// <summary>Of two sweepers that found the same video, the one whose save meets the version it read asks.</summary>
    private static async Task<bool> TrySaveAsync(VidsnapDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
