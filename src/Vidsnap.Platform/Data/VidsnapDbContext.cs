using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Platform.Data;

/// <summary>
/// The one database the roles share, its model made of every module's <see cref="TableMappings"/>. Each
/// database adapter subclasses it, so that each provider has its own migrations. Saving a change also saves
/// the messages it caused into the outbox and the entries it logged, in the same transaction, and wakes this
/// process's relay and change feed.
/// Contexts are pooled (a request leases one instead of building one), so the constructor takes only the
/// options, as pooling requires; what else it needs are singletons, read from the application's services.
/// </summary>
public abstract class VidsnapDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    private OutboxSignal? outbox;
    private ChangeLogSignal? changeLog;
    private TimeProvider? time;

    /// <summary>Data Protection's key ring, shared by every process, so a secret one role encrypts another can read.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Saves the message into the outbox with the next save: for changes that have no aggregate to produce it.</summary>
    public void Publish(IQueueMessage message) => Set<OutboxMessage>().Add(OutboxMessage.For(message, Time.GetUtcNow()));

    private TimeProvider Time => time ??= ApplicationServices.GetRequiredService<TimeProvider>();

    /// <summary>
    /// The application's own provider, not EF's internal one: that one would answer an empty list for
    /// <see cref="TableMappings"/> rather than fall back.
    /// </summary>
    private IServiceProvider ApplicationServices =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
        ?? throw new InvalidOperationException("The database context was built without the application's services (UseApplicationServiceProvider).");

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var produced = MoveMessagesToOutbox();
        var logged = AddChangeLogs();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Wake(produced, logged);
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var produced = MoveMessagesToOutbox();
        var logged = AddChangeLogs();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        Wake(produced, logged);
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        foreach (var assembly in ApplicationServices.GetServices<TableMappings>().Select(m => m.Assembly).Distinct())
        {
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
        }
    }

    /// <summary>
    /// Taken from the producers as they are added here, so a save that fails and is tried again (after the
    /// caller clears the tracker and reloads) cannot write a message twice.
    /// </summary>
    private bool MoveMessagesToOutbox()
    {
        var now = Time.GetUtcNow();
        var produced = false;
        foreach (var producer in ChangeTracker.Entries<IMessageProducer>().Select(e => e.Entity).ToList())
        {
            foreach (var message in producer.TakeMessages())
            {
                Set<OutboxMessage>().Add(OutboxMessage.For(message, now));
                produced = true;
            }
        }

        return produced || ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
    }

    /// <summary>Taken as the messages are, for the same reason: a save tried again cannot log a change twice.</summary>
    private bool AddChangeLogs()
    {
        var logged = false;
        foreach (var producer in ChangeTracker.Entries<IChangeLogProducer>().Select(e => e.Entity).ToList())
        {
            foreach (var entry in producer.TakeChangeLog())
            {
                Add(entry);
                logged = true;
            }
        }

        return logged;
    }

    private void Wake(bool produced, bool logged)
    {
        if (produced)
        {
            (outbox ??= ApplicationServices.GetRequiredService<OutboxSignal>()).Notify();
        }

        if (logged)
        {
            (changeLog ??= ApplicationServices.GetRequiredService<ChangeLogSignal>()).Notify();
        }
    }
}
