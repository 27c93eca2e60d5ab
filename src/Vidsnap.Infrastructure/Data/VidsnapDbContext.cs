using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vidsnap.Infrastructure.Data;

/// <summary>
/// The one schema, shared by the roles. Each provider has its own subclass so that it has its own migrations:
/// SQLite for embedded mode, PostgreSQL for distributed.
/// </summary>
public abstract class VidsnapDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<Video> Videos => Set<Video>();

    public DbSet<VideoHistoryEntry> VideoHistory => Set<VideoHistoryEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<SentNotification> SentNotifications => Set<SentNotification>();

    public DbSet<QueueMessage> QueueMessages => Set<QueueMessage>();

    public DbSet<DeadLetterMessage> DeadLetters => Set<DeadLetterMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset; as UTC ticks it can.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<User>(e =>
        {
            e.HasIndex(u => u.Email).IsUnique();
            e.Property(u => u.Email).HasMaxLength(320);
        });
        modelBuilder.Entity<RefreshToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.FamilyId);
        });
        modelBuilder.Entity<LoginThrottle>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(64);
        });
        modelBuilder.Entity<SigningKey>().HasKey(k => k.Kid);
        modelBuilder.Entity<Video>(e =>
        {
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.HasIndex(v => new { v.UserId, v.CreatedAt, v.Id });
            e.HasMany(v => v.History).WithOne().HasForeignKey(h => h.VideoId);
        });
        modelBuilder.Entity<VideoHistoryEntry>(e => e.Property(h => h.Status).HasConversion<string>().HasMaxLength(32));
        modelBuilder.Entity<SentNotification>().HasKey(n => n.Key);
        modelBuilder.Entity<QueueMessage>().HasIndex(m => new { m.Queue, m.VisibleAtMs });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class SqliteVidsnapDbContext(DbContextOptions<SqliteVidsnapDbContext> options) : VidsnapDbContext(options);

public sealed class PostgresVidsnapDbContext(DbContextOptions<PostgresVidsnapDbContext> options) : VidsnapDbContext(options);
