using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Retention;
using Vidsnap.Platform.Storage;

namespace Vidsnap.StatusWorker;

/// <summary>
/// Removes videos nobody finished uploading: still AwaitingUpload <see cref="RetentionOptions.AbandonedUploadGraceMinutes"/>
/// after their upload slot's URLs stopped working (a resume moves that moment). Each goes as a deletion does
/// (video.deleted to webhooks, the change to live readers). The row goes first, saved against the version read,
/// so a complete or a resume that came meanwhile wins and the video stays; then its multipart upload is aborted
/// and its objects deleted. A crash between the two leaves objects without a video, which retention's orphan pass
/// removes (and S3's lifecycle rule ends a multipart upload left open).
/// </summary>
public sealed class AbandonedUploadSweeper(
    IServiceScopeFactory scopes, IObjectStore store, IOptions<RetentionOptions> options, TimeProvider time, ILogger<AbandonedUploadSweeper> logger)
    : PeriodicSweep(time, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds);

    protected override string What => "Removing abandoned uploads";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await SweepAsync(cancellationToken);
        if (removed > 0)
        {
            Logger.LogInformation("Removed {Count} videos whose upload was abandoned", removed);
        }
    }

    /// <summary>One pass; answers how many videos it removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromMinutes(options.Value.AbandonedUploadGraceMinutes);
        var removed = 0;
        var passed = new HashSet<Guid>();
        while (true)
        {
            var expiredBefore = Time.GetUtcNow() - grace;
            List<Guid> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
                batch = await db.Videos().AsNoTracking()
                    .Where(v => v.Status == VideoStatus.AwaitingUpload && v.UploadExpiresAt != null && v.UploadExpiresAt <= expiredBefore && !passed.Contains(v.Id))
                    .OrderBy(v => v.UploadExpiresAt)
                    .Select(v => v.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
            }

            if (batch.Count == 0)
            {
                return removed;
            }

            foreach (var id in batch)
            {
                passed.Add(id);
                if (await RemoveAsync(id, grace, cancellationToken))
                {
                    removed++;
                }
            }
        }
    }

    /// <summary>Removes one video if it is still abandoned when loaded and when saved; false when it was not.</summary>
    private async Task<bool> RemoveAsync(Guid id, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var video = await db.Videos().Include(v => v.History).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        var now = Time.GetUtcNow();
        if (video is null || !video.IsAbandoned(now, grace))
        {
            return false;
        }

        var (uploadId, expiredAt) = (video.OpenUploadId, video.UploadExpiresAt);
        video.AbandonUpload(now, grace);
        db.Videos().Remove(video);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Completed, resumed or deleted meanwhile: it is no longer abandoned, or no longer there.
            return false;
        }

        if (uploadId is not null)
        {
            await store.AbortUploadAsync(video.SourceKey, uploadId, cancellationToken);
        }

        await store.DeletePrefixAsync(ObjectKeys.VideoPrefix(video.UserId, video.Id), cancellationToken);
        Logger.LogInformation("Video {VideoId} still awaited its upload {Grace} after its upload slot expired at {ExpiredAt}: removed", video.Id, grace, expiredAt);
        return true;
    }
}
