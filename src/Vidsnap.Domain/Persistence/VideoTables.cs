using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Videos;

namespace Vidsnap.Domain.Persistence;

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> video)
    {
        video.ToTable("Videos");
        video.HasKey(v => v.Id);
        video.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
        video.Property(v => v.Version).IsConcurrencyToken();
        video.HasIndex(v => new { v.UserId, v.CreatedAt, v.Id });
        video.HasMany(v => v.History).WithOne().HasForeignKey(h => h.VideoId);
        video.Navigation(v => v.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
        video.Ignore(v => v.Options);
        video.Ignore(v => v.CanBeQueued);
        video.Ignore(v => v.CanBeRetried);
        video.Ignore(v => v.CanBeDeleted);
        video.Ignore(v => v.IsFinished);
        video.Ignore(v => v.OutcomeNotificationKey);
        video.Ignore(v => v.StoredBytes);
        video.Ignore(v => v.OpenUploadId);
        video.Ignore(v => v.Segments);

        // The retention sweep asks for what is due.
        video.HasIndex(v => v.ExpiresAt);
        video.HasIndex(v => v.SourceExpiresAt);

        // The abandoned-upload sweep asks for slots long expired.
        video.HasIndex(v => v.UploadExpiresAt);
    }
}

internal sealed class VideoHistoryEntryConfiguration : IEntityTypeConfiguration<VideoHistoryEntry>
{
    public void Configure(EntityTypeBuilder<VideoHistoryEntry> entry)
    {
        entry.ToTable("VideoHistory");
        entry.HasKey(h => h.Id);
        entry.Property(h => h.Status).HasConversion<string>().HasMaxLength(32);
    }
}

/// <summary>
/// Tied to no video by a foreign key, so a deleted video's changes (its deletion among them) stay until pruned.
/// Readers ask for a user's changes after an id, and pruning for those older than a moment.
/// </summary>
internal sealed class VideoChangeConfiguration : IEntityTypeConfiguration<VideoChange>
{
    public void Configure(EntityTypeBuilder<VideoChange> change)
    {
        change.ToTable("VideoChanges");
        change.HasKey(c => c.Id);
        change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        change.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        change.HasIndex(c => new { c.UserId, c.Id });
        change.HasIndex(c => c.At);
    }
}

internal sealed class SentNotificationConfiguration : IEntityTypeConfiguration<SentNotification>
{
    public void Configure(EntityTypeBuilder<SentNotification> notification)
    {
        notification.ToTable("SentNotifications");
        notification.HasKey(n => n.Key);
        notification.Property(n => n.Recipient).HasMaxLength(320);
        notification.Property(n => n.HeldBack).HasMaxLength(200);
        notification.HasIndex(n => new { n.Recipient, n.SentAt });
    }
}
