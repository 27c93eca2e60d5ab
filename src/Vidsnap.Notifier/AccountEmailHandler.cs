using Microsoft.Extensions.Logging;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Notifier;

/// <summary>
/// Sends an account email once: a verification code to any address (that is how an address gets verified), and
/// the signup-attempt notice only to a verified one, within the hourly cap.
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

        var limit = message.Kind != AccountEmailKinds.VerifyEmail && !await db.IsVerifiedAsync(message.Email, cancellationToken)
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
}
