using Vidsnap.Contracts;

namespace Vidsnap.Auth.Data;

public sealed class User
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its owner proved the address is theirs; until then Vidsnap mails it nothing but the code.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; set; }

    /// <summary>When its owner was last told that someone tried to sign up with the address (at most daily).</summary>
    public DateTimeOffset? SignupAttemptNoticeAt { get; set; }
}

/// <summary>
/// A code emailed to a user's address: only its hash kept, good once. Without a <see cref="Purpose"/> it verifies the
/// address (and unlocks sign-in), for a day; a <see cref="EmailCodePurposes.PasswordReset"/> code only sets a new password, for half an hour.
/// </summary>
public sealed class EmailVerification : IOwnedByAccount
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Null for the address codes; otherwise the one thing the code may do, so a reset code is taken only for a reset and a day-long address code never resets.</summary>
    public string? Purpose { get; set; }
}

/// <summary>What an <see cref="EmailVerification"/> code is for, when it is not the address code.</summary>
public static class EmailCodePurposes
{
    public const string PasswordReset = "password-reset";
}

/// <summary>
/// Failed sign-ins per email, kept whether or not an account has that email, so a locked-out unknown email
/// looks exactly like a locked-out known one.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>SHA-256 of the normalized email.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RefreshToken : IOwnedByAccount
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>All tokens descended from one login; reuse of a rotated token revokes the family.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>SHA-256 of the token: a database leak does not hand out sessions.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class SigningKey
{
    public required string Kid { get; set; }

    public required string Algorithm { get; set; }

    /// <summary>PKCS#8 private key, base64, encrypted with Data Protection.</summary>
    public required string PrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
