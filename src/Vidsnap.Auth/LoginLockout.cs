using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Auth.Data;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

/// <summary>
/// Limits sign-in attempts per account and client. Every attempt is counted <em>before</em> its password is
/// checked, in one statement, so parallel guesses cannot get more than the threshold past the check; a
/// success clears the count. Attempts from a browser that signed in to the account before (a
/// <see cref="DeviceCookie"/>) are counted on their own, so strangers who lock the account cannot lock out
/// its owner's browser. Unknown emails are counted like known ones: the answer tells a guesser nothing.
/// </summary>
public sealed class LoginLockout(VidsnapDbContext db, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>
    /// The counter an attempt falls on: the device's own when the browser has one for this account. Every
    /// counter of an account starts with <see cref="AccountPrefix"/>, so deleting the account finds them all.
    /// </summary>
    public static string KeyOf(string email, string? device) =>
        device is null ? AccountPrefix(email) : AccountPrefix(email) + HalfHash($"device:{device}");

    public static string AccountPrefix(string email) => HalfHash($"account:{email}");

    public Task ForgetAccountAsync(string email, CancellationToken cancellationToken)
    {
        var prefix = AccountPrefix(email);
        return db.LoginThrottles().Where(t => t.Key.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken);
    }

    // 128 bits each, so an account's and a device's together fit the 64 characters of the key column.
    private static string HalfHash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 16);

    /// <summary>Counts an attempt. Null when it may go on to the password check; otherwise how long the counter stays locked.</summary>
    public async Task<TimeSpan?> AdmitAsync(string key, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var staleBefore = now.AddMinutes(-settings.LockoutMinutes);

        // Attempts during a lock are not counted, so the count starts afresh when it ends; attempts older than
        // a lock's length are forgotten, so a typo a day never adds up.
        Task<int> CountAsync() => db.LoginThrottles()
            .Where(t => t.Key == key && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Failures, t => t.UpdatedAt < staleBefore ? 1 : t.Failures + 1)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);

        if (await CountAsync() == 0)
        {
            var lockedUntil = await db.LoginThrottles().AsNoTracking().Where(t => t.Key == key).Select(t => (DateTimeOffset?)(t.LockedUntil ?? now)).SingleOrDefaultAsync(cancellationToken);
            if (lockedUntil > now)
            {
                return lockedUntil - now;
            }

            if (lockedUntil is null && !await TryCreateAsync(key, now, cancellationToken) && await CountAsync() == 0)
            {
                // Locked between our two statements: refuse rather than let one more through.
                return await LockedForAsync(key, now, cancellationToken) ?? TimeSpan.FromSeconds(1);
            }
        }

        // Read after the increment: parallel attempts read at least their own count, so only the first
        // threshold of them are let through. The one that crosses it locks the counter, which also sets the count
        // back to 0: an attempt counted before the lock but read after it sees the lock, not that 0.
        var state = await db.LoginThrottles().AsNoTracking().Where(t => t.Key == key).Select(t => new { t.Failures, t.LockedUntil }).SingleAsync(cancellationToken);
        if (state.LockedUntil is { } locked && locked > now)
        {
            return locked - now;
        }

        if (state.Failures <= settings.LockoutThreshold)
        {
            return null;
        }

        var until = now.AddMinutes(settings.LockoutMinutes);
        await db.LoginThrottles().Where(t => t.Key == key && t.Failures > settings.LockoutThreshold)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, 0).SetProperty(t => t.LockedUntil, until), cancellationToken);
        return await LockedForAsync(key, now, cancellationToken) ?? until - now;
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken) =>
        db.LoginThrottles().Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);

    private async Task<bool> TryCreateAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.LoginThrottles().Add(new LoginThrottle { Key = key, Failures = 1, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another attempt on this counter created the row first: count on it instead.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<TimeSpan?> LockedForAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockedUntil = await db.LoginThrottles().AsNoTracking().Where(t => t.Key == key).Select(t => t.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        var remaining = lockedUntil - now;
        return remaining > TimeSpan.Zero ? remaining : null;
    }
}
