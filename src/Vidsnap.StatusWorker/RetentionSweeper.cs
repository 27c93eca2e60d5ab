using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;
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
    : PeriodicSweep(time, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds);

    protected override string What => "Retention";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var pass = await SweepAsync(cancellationToken);
        if (pass != new RetentionPass(0, 0, 0))
        {
            Logger.LogInformation("Retention deleted {Videos} videos, {Sources} sources and {Orphans} orphaned uploads", pass.VideosDeleted, pass.SourcesDeleted, pass.OrphansDeleted);
        }
    }

    public async Task<RetentionPass> SweepAsync(CancellationToken cancellationToken)
    {
        var videos = await DeleteExpiredVideosAsync(cancellationToken);
        var sources = await DeleteExpiredSourcesAsync(cancellationToken);
        var orphans = await DeleteOrphansAsync(cancellationToken);
        return new RetentionPass(videos, sources, orphans);
    }

    private Task<int> DeleteExpiredVideosAsync(CancellationToken cancellationToken) => InBatchesAsync(
        (videos, now) => videos.Where(v => v.ExpiresAt <= now).OrderBy(v => v.ExpiresAt),
        async (db, video, now) =>
        {
            if (video.OpenUploadId is { } uploadId)
            {
                await store.AbortUploadAsync(video.SourceKey, uploadId, cancellationToken);
            }

            await store.DeletePrefixAsync(ObjectKeys.VideoPrefix(video.UserId, video.Id), cancellationToken);
            video.Delete(now);
            db.Videos().Remove(video);
        },
        cancellationToken);

    private Task<int> DeleteExpiredSourcesAsync(CancellationToken cancellationToken) => InBatchesAsync(
        (videos, now) => videos.Where(v => v.SourceExpiresAt <= now).OrderBy(v => v.SourceExpiresAt),
        async (_, video, now) =>
        {
            if (video.ExpireSource(now))
            {
                await store.DeleteAsync(video.SourceKey, cancellationToken);
            }
        },
        cancellationToken);

    /// <summary>
    /// Applies <paramref name="act"/> to the videos at rest that <paramref name="due"/> picks, a batch per save,
    /// until none is left (or a batch loses a race with another writer: the next pass takes it up).
    /// </summary>
    private async Task<int> InBatchesAsync(
        Func<IQueryable<Video>, DateTimeOffset, IQueryable<Video>> due, Func<VidsnapDbContext, Video, DateTimeOffset, Task> act, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            var now = Time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var atRest = db.Videos().Include(v => v.History).Where(v => v.Status != VideoStatus.Queued && v.Status != VideoStatus.Processing);
            var batch = await due(atRest, now).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var video in batch)
            {
                await act(db, video, now);
            }

            if (batch.Count == 0 || !await SavedAsync(db, cancellationToken))
            {
                return done;
            }

            done += batch.Count;
        }
    }

    /// <summary>Lists every account's objects once: its cost grows with the bucket, which is why it runs hourly by default.</summary>
    private async Task<int> DeleteOrphansAsync(CancellationToken cancellationToken)
    {
        var settledBefore = Time.GetUtcNow().AddMinutes(-options.Value.OrphanGraceMinutes);
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
