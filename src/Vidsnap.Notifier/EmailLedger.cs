using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;

namespace Vidsnap.Notifier;

/// <summary>
/// The record of every email by its de-duplication key: claimed before it is sent (so two deliveries of one request
/// racing each other do not both send), marked sent after, or marked held back by a limit. A redelivered request
/// finds it done and sends nothing; a claimant that dies mid-send loses its claim after the claim period.
/// </summary>
public sealed class EmailLedger(VidsnapDbContext db, IOptions<NotificationOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>True when this delivery now owns the sending; false when the email was done with already.</summary>
    public async Task<bool> ClaimAsync(string key, string recipient, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await db.SentNotifications().AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (existing is null)
        {
            db.SentNotifications().Add(new SentNotification { Key = key, ClaimedUntil = now + ClaimFor, Recipient = recipient.ToLowerInvariant() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another delivery inserted its claim between our read and our insert.
                db.ChangeTracker.Clear();
                existing = await db.SentNotifications().AsNoTracking().SingleAsync(n => n.Key == key, cancellationToken);
            }
        }

        if (existing.SentAt is not null)
        {
            return false;
        }

        // Take over only a claim whose time is up, and only if nobody else took it over first.
        var taken = existing.ClaimedUntil <= now && await db.SentNotifications()
            .Where(n => n.Key == key && n.SentAt == null && n.ClaimedUntil == existing.ClaimedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, now + ClaimFor), cancellationToken) == 1;
        return taken ? true : throw new InvalidOperationException($"Email {key} is being sent by another delivery; retrying later.");
    }

    public Task MarkSentAsync(string key, CancellationToken cancellationToken) =>
        db.SentNotifications().Where(n => n.Key == key).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, time.GetUtcNow()), cancellationToken);

    /// <summary>Done with, not sent: the sweep will not ask for it again.</summary>
    public async Task HoldBackAsync(string key, string limit, CancellationToken cancellationToken)
    {
        await db.SentNotifications().Where(n => n.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, time.GetUtcNow()).SetProperty(n => n.HeldBack, limit), cancellationToken);
        NotifierMetrics.HeldBack(limit);
    }

    /// <summary>"hourly-cap" when the address has had its emails for this hour, else null.</summary>
    public async Task<string?> OverHourlyCapAsync(string address, CancellationToken cancellationToken)
    {
        var recipient = address.ToLowerInvariant();
        var hourAgo = time.GetUtcNow().AddHours(-1);
        var sent = await db.SentNotifications().CountAsync(n => n.Recipient == recipient && n.SentAt != null && n.SentAt > hourAgo && n.HeldBack == null, cancellationToken);
        return sent >= options.Value.MaxPerUserPerHour ? "hourly-cap" : null;
    }

    /// <summary>Whether a failure email of this video went out within the window (another attempt's).</summary>
    public async Task<bool> FailureSentRecentlyAsync(Guid videoId, string exceptKey, CancellationToken cancellationToken)
    {
        var window = options.Value.FailureEmailWindowHours;
        if (window <= 0)
        {
            return false;
        }

        var prefix = $"{videoId:N}-";
        var since = time.GetUtcNow().AddHours(-window);
        return await db.SentNotifications().AnyAsync(n => n.Key.StartsWith(prefix) && n.Key.EndsWith("-Failed") && n.Key != exceptKey
            && n.SentAt != null && n.SentAt > since && n.HeldBack == null, cancellationToken);
    }
}
