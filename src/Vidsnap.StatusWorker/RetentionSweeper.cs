using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Retention;
using Vidsnap.Platform.Storage;

namespace Vidsnap.StatusWorker;

/// <summary>What one retention pass deleted.</summary>
public sealed record RetentionPass(int VideosDeleted, int SourcesDeleted, int OrphansDeleted);

/// <summary>
/// Deletes on schedule what retention promised to delete: a video and all its objects once its days are up, the
/// uploaded source earlier, and objects under a video's folder whose video is gone (an upload that landed after
/// its video was deleted, or a deletion that crashed between the database and storage). Objects go first and
/// the row after, so a crash between the two is finished by the next pass.
/// </summary>
public sealed class RetentionSweeper(
    IServiceScopeFactory scopes, IObjectStore store, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepIntervalSeconds;
        if (interval <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval), time);
        do
        {
            try
            {
                var pass = await SweepAsync(stoppingToken);
                if (pass != new RetentionPass(0, 0, 0))
                {
                    logger.LogInformation("Retention deleted {Videos} videos, {Sources} sources and {Orphans} orphaned uploads", pass.VideosDeleted, pass.SourcesDeleted, pass.OrphansDeleted);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Retention failed; trying again in {Seconds} s", interval);
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

    public async Task<RetentionPass> SweepAsync(CancellationToken cancellationToken)
    {
        var videos = await DeleteExpiredVideosAsync(cancellationToken);
        var sources = await DeleteExpiredSourcesAsync(cancellationToken);
        var orphans = await DeleteOrphansAsync(cancellationToken);
        return new RetentionPass(videos, sources, orphans);
    }

    private async Task<int> DeleteExpiredVideosAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var due = await db.Videos().Include(v => v.History)
                .Where(v => v.ExpiresAt <= now && v.Status != VideoStatus.Queued && v.Status != VideoStatus.Processing)
                .OrderBy(v => v.ExpiresAt).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var video in due)
            {
                if (video.UploadId is { } uploadId && video.Status == VideoStatus.AwaitingUpload)
                {
                    await store.AbortUploadAsync(video.SourceKey, uploadId, cancellationToken);
                }

                await store.DeletePrefixAsync(ObjectKeys.VideoPrefix(video.UserId, video.Id), cancellationToken);
                video.Delete(now);
                db.Videos().Remove(video);
            }

            if (due.Count == 0 || !await SavedAsync(db, cancellationToken))
            {
                return deleted;
            }

            deleted += due.Count;
        }
    }

    private async Task<int> DeleteExpiredSourcesAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var due = await db.Videos().Include(v => v.History)
                .Where(v => v.SourceExpiresAt <= now && v.Status != VideoStatus.Queued && v.Status != VideoStatus.Processing)
                .OrderBy(v => v.SourceExpiresAt).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var video in due.Where(v => v.ExpireSource(now)))
            {
                await store.DeleteAsync(video.SourceKey, cancellationToken);
            }

            if (due.Count == 0 || !await SavedAsync(db, cancellationToken))
            {
                return deleted;
            }

            deleted += due.Count;
        }
    }

    /// <summary>Lists every account's objects once: its cost grows with the bucket, which is why it runs hourly by default.</summary>
    private async Task<int> DeleteOrphansAsync(CancellationToken cancellationToken)
    {
        var settledBefore = time.GetUtcNow().AddMinutes(-options.Value.OrphanGraceMinutes);
        var candidates = new Dictionary<Guid, Guid>();
        await foreach (var stored in store.ListAsync(ObjectKeys.AllUsersPrefix, cancellationToken))
        {
            if (stored.LastModified < settledBefore && ObjectKeys.TryParseVideo(stored.Key, out var userId, out var videoId))
            {
                candidates.TryAdd(videoId, userId);
            }
        }

        var deleted = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        foreach (var chunk in candidates.Keys.Chunk(BatchSize))
        {
            var known = await db.Videos().Where(v => chunk.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken);
            foreach (var videoId in chunk.Except(known))
            {
                await store.DeletePrefixAsync(ObjectKeys.VideoPrefix(candidates[videoId], videoId), cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static async Task<bool> SavedAsync(VidsnapDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // A video changed meanwhile (queued again, deleted by its owner): the next pass sees it as it is now.
            return false;
        }
    }
}
