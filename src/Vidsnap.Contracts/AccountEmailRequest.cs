namespace Vidsnap.Contracts;

/// <summary>The emails about an account rather than a video.</summary>
public static class AccountEmailKinds
{
    /// <summary>The code (and a link carrying it) that verifies a new address.</summary>
    public const string VerifyEmail = "verify-email";

    /// <summary>Tells the owner of an address that someone tried to sign up with it; registration answers the same either way.</summary>
    public const string SignupAttempt = "signup-attempt";

    /// <summary>A code (and a link carrying it) that makes the browser it is opened in a known one for signing in, past a lockout others caused.</summary>
    public const string UnlockSignIn = "unlock-sign-in";

    /// <summary>A short-lived code (and a link carrying it) that sets a new password; sent to unverified addresses too, since it proves the address.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Tells the owner that the account's password was changed, so a change they did not make is noticed.</summary>
    public const string PasswordChanged = "password-changed";
}

/// <summary>Asks the notifier for one account email; written by the auth role through the outbox.</summary>
[Queue(QueueNames.AccountEmails)]
public sealed record AccountEmailRequest(Guid MessageId, Guid UserId, string Email, string Kind, string? Code, string? Link, DateTimeOffset RequestedAt) : IQueueMessage
{
    /// <summary>Not about a video.</summary>
    public Guid VideoId => Guid.Empty;

    /// <summary>The file and Message-Id it is known by: kind and account first, so a person (or a test) can find it.</summary>
    public string DeduplicationKey => $"{Kind}-{UserId:N}-{MessageId:N}";
}
