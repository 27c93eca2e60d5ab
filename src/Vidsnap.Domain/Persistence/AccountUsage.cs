using Microsoft.EntityFrameworkCore;
using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;

namespace Vidsnap.Domain.Persistence;

/// <summary>What an account's videos use of its quotas, read from the database where the quotas are checked.</summary>
public static class AccountUsage
{
    /// <summary>Declared sources not yet deleted by retention, plus outputs.</summary>
    public static async Task<long> StoredBytesAsync(this DbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.Videos().Where(v => v.UserId == userId)
            .SumAsync(v => (long?)((v.SourceDeletedAt == null ? v.SizeBytes : 0) + (v.OutputBytes ?? 0)), cancellationToken) ?? 0;

    /// <summary>Webhook endpoints the account has, enabled or not: what its webhooks quota counts.</summary>
    public static Task<int> WebhooksAsync(this DbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.WebhookEndpoints().CountAsync(e => e.UserId == userId, cancellationToken);

    public static Task<int> VideosInFlightAsync(this DbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Videos().CountAsync(v => v.UserId == userId && (v.Status == VideoStatus.Queued || v.Status == VideoStatus.Processing), cancellationToken);

    /// <summary>
    /// Videos created since <paramref name="since"/>, deleted ones too (counted from the change log, which keeps a
    /// day at least), and the oldest creation among them: the day's quota frees a day after it.
    /// </summary>
    public static async Task<(int Count, DateTimeOffset? Oldest)> VideosCreatedSinceAsync(this DbContext db, Guid userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var created = db.VideoChanges().Where(c => c.UserId == userId && c.Kind == VideoChangeKind.Created && c.At > since);
        var count = await created.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await created.OrderBy(c => c.Id).Select(c => (DateTimeOffset?)c.At).FirstAsync(cancellationToken);
        return (count, oldest);
    }
}
