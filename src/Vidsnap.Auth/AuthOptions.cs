namespace Vidsnap.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const int MinimumPasswordIterations = 600_000;

    /// <summary>PBKDF2-SHA256 iterations for new hashes; OWASP's 2023 floor is 600,000.</summary>
    public int PasswordIterations { get; set; } = MinimumPasswordIterations;

    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>
    /// Whether the refresh cookie is marked Secure. Unset: when the request came over HTTPS, directly or as
    /// X-Forwarded-Proto says. Set it to true when TLS ends before this process and nothing forwards the scheme.
    /// </summary>
    public bool? SecureCookie { get; set; }

    /// <summary>Failed sign-ins in a row after which an email is locked out.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A signing key older than this is replaced by a new one.</summary>
    public int SigningKeyRotationDays { get; set; } = 30;

    /// <summary>
    /// How long a new key is published before it signs: longer than validators cache the JWKS
    /// (Jwt:KeysCacheSeconds), so no valid token meets a validator that does not know its key.
    /// </summary>
    public int SigningKeyActivationDelaySeconds { get; set; } = 600;
}
