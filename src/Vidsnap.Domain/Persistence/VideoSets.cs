using Microsoft.EntityFrameworkCore;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Videos;
using Vidsnap.Domain.Webhooks;

namespace Vidsnap.Domain.Persistence;

/// <summary>The domain's tables, on whichever context the database adapter provides.</summary>
public static class VideoSets
{
    public static DbSet<Video> Videos(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<Video>();
    }

    public static DbSet<VideoChange> VideoChanges(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<VideoChange>();
    }

    public static DbSet<SentNotification> SentNotifications(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<SentNotification>();
    }

    public static DbSet<WebhookEndpoint> WebhookEndpoints(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<WebhookEndpoint>();
    }

    public static DbSet<WebhookDelivery> WebhookDeliveries(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<WebhookDelivery>();
    }

    /// <summary>The caller's own video, or null: another user's video does not exist for them.</summary>
    public static Task<Video?> FindOwnAsync(this IQueryable<Video> videos, Guid id, Guid userId, CancellationToken cancellationToken) =>
        videos.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
}
