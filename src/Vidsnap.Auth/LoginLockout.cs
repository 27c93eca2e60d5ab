using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Auth.Data;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

/// <summary>
/// Locks an email out of signing in after repeated failures. Counted per email, known or not, and checked
/// before the password is, so a guesser learns nothing from the answer or its timing.
/// </summary>
public sealed class LoginLockout(VidsnapDbContext db, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>How long the email stays locked, or null when it may try.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        var lockedUntil = await db.LoginThrottles().AsNoTracking().Where(t => t.Key == key).Select(t => t.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        var remaining = lockedUntil - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        var now = time.GetUtcNow();
        var settings = options.Value;

        // One statement per failure, so parallel guesses cannot slip past the count.
        Task<int> CountAsync() => db.LoginThrottles().Where(t => t.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (await CountAsync() == 0)
        {
            db.LoginThrottles().Add(new LoginThrottle { Key = key, Failures = 1, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another failure for this email created the row first: count on it.
                db.ChangeTracker.Clear();
                await CountAsync();
            }
        }

        await db.LoginThrottles().Where(t => t.Key == key && t.Failures >= settings.LockoutThreshold)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, 0).SetProperty(t => t.LockedUntil, now.AddMinutes(settings.LockoutMinutes)), cancellationToken);
    }

    public Task ResetAsync(string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        return db.LoginThrottles().Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    private static string KeyOf(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
}
