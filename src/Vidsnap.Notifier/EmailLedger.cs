using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;

namespace Vidsnap.Notifier;

/// <summary>
/// The record of every email by its de-duplication key: claimed before it is sent (so two deliveries of one request
/// racing each other do not both send), marked sent after, or marked held back by a limit. A redelivered request
/// finds it done and sends nothing. A claimant renews its claim while it sends (<see cref="HoldClaimWhileAsync"/>);
/// one that dies mid-send loses it within the claim period, which is shorter than the queue's lease, so the first
/// redelivery of its request takes over rather than spending its receives waiting (and ending dead-lettered).
/// </summary>
public sealed class EmailLedger(VidsnapDbContext db, IOptions<NotificationOptions> options, TimeProvider time)
{
    private TimeSpan ClaimFor => TimeSpan.FromSeconds(options.Value.ClaimSeconds);

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

    /// <summary>
    /// Runs <paramref name="work"/> while renewing the claim every third of the claim period, so a slow send keeps
    /// it and no other delivery sends the same email meanwhile. The context is used by the renewal alone until the
    /// work ends.
    /// </summary>
    public async Task HoldClaimWhileAsync(string key, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(key, stop.Token);
        try
        {
            await work();
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ClaimFor / 3, time, cancellationToken);
                var until = time.GetUtcNow() + ClaimFor;
                await db.SentNotifications().Where(n => n.Key == key && n.SentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, until), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The send ended: the claim is marked sent (or lapses) next.
        }
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
