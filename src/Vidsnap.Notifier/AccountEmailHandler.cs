using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends an account email once: a verification or password-reset code to any address (that is how an address gets
/// verified, or its owner back in), and every other notice only to a verified one, within the hourly cap.
/// </summary>
public sealed class AccountEmailHandler(VidsnapDbContext db, EmailLedger ledger, IEmailSender sender, ILogger<AccountEmailHandler> logger)
    : IMessageHandler<AccountEmailRequest>
{
    public async Task HandleAsync(AccountEmailRequest message, DeliveryContext delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DeduplicationKey;
        if (!await ledger.ClaimAsync(key, message.Email, cancellationToken))
        {
            return;
        }

        var limit = !ReachesUnverified(message.Kind) && !await db.IsVerifiedAsync(message.Email, cancellationToken)
            ? "unverified"
            : await ledger.OverHourlyCapAsync(message.Email, cancellationToken);
        if (limit is not null)
        {
            await ledger.HoldBackAsync(key, limit, cancellationToken);
            logger.LogWarning("Held back the {Kind} email for user {UserId}: {Limit}", message.Kind, message.UserId, limit);
            return;
        }

        await ledger.HoldClaimWhileAsync(key, () => sender.SendAsync(AccountEmail.Compose(message), cancellationToken), cancellationToken);
        await ledger.MarkSentAsync(key, cancellationToken);
        logger.LogInformation("Sent the {Kind} email for user {UserId}", message.Kind, message.UserId);
    }

    /// <summary>
    /// Codes that prove the address go to any address: a reset code is the way back into an account whose owner
    /// never verified it, and only the mailbox's owner can use it.
    /// </summary>
    private static bool ReachesUnverified(string kind) => kind is AccountEmailKinds.VerifyEmail or AccountEmailKinds.PasswordReset;
}
