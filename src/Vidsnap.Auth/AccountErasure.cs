using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Vidsnap.Auth.Data;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Auth;

/// <summary>
/// Deletes an account and everything it owns. The rows go in one transaction (every table whose entity is
/// <see cref="IOwnedByAccount"/>, the rows kept by address, the user), then the objects under the account's
/// folder. A crash between the two leaves objects with no video, which the retention sweep removes; a crash
/// inside the transaction leaves the account as it was, to be deleted again.
/// </summary>
public sealed class AccountErasure(VidsnapDbContext db, IObjectStore store, LoginLockout lockout)
{
    private static readonly MethodInfo EraseTable = typeof(AccountErasure).GetMethod(nameof(EraseOwnedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>False when there is no such account (deleted already).</summary>
    public async Task<bool> EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        // Open multipart uploads would still take parts; S3 keeps their parts apart from the objects listed.
        var uploads = await db.Videos().AsNoTracking()
            .Where(v => v.UserId == userId && v.Status == VideoStatus.AwaitingUpload && v.UploadId != null)
            .Select(v => new { v.SourceKey, v.UploadId }).ToListAsync(cancellationToken);
        foreach (var upload in uploads)
        {
            await store.AbortUploadAsync(upload.SourceKey, upload.UploadId!, cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var table in db.Model.GetEntityTypes().Where(t => typeof(IOwnedByAccount).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
            {
                await (Task<int>)EraseTable.MakeGenericMethod(table.ClrType).Invoke(null, [db, userId, cancellationToken])!;
            }

            await db.SentNotifications().Where(n => n.Recipient == user.Email).ExecuteDeleteAsync(cancellationToken);
            await db.Set<EmailRecipient>().Where(r => r.Address == user.Email).ExecuteDeleteAsync(cancellationToken);
            await lockout.ForgetAccountAsync(user.Email, cancellationToken);
            await db.Users().Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        await store.DeletePrefixAsync(ObjectKeys.UserPrefix(userId), cancellationToken);
        return true;
    }

    private static Task<int> EraseOwnedAsync<T>(DbContext db, Guid userId, CancellationToken cancellationToken)
        where T : class, IOwnedByAccount =>
        db.Set<T>().Where(row => row.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
