using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Auth;

public sealed class AuthOptions : IOptionsSection
{
    public const string Section = "Auth";

    static string IOptionsSection.Section => Section;

    public const int MinimumPasswordIterations = 600_000;

    /// <summary>PBKDF2-SHA256 iterations for new hashes; OWASP's 2023 floor is 600,000.</summary>
    [Range(MinimumPasswordIterations, int.MaxValue, ErrorMessage = "Auth:PasswordIterations must be at least 600000.")]
    public int PasswordIterations { get; set; } = MinimumPasswordIterations;

    [Range(8, 1024, ErrorMessage = "Auth:MinimumPasswordLength must be at least 8.")]
    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>
    /// Whether the refresh cookie is marked Secure. Unset: when the request came over HTTPS, directly or as
    /// X-Forwarded-Proto says. Set it to true when TLS ends before this process and nothing forwards the scheme.
    /// </summary>
    public bool? SecureCookie { get; set; }

    /// <summary>Failed sign-ins in a row after which an email is locked out.</summary>
    [Range(1, 1_000)]
    public int LockoutThreshold { get; set; } = 5;

    [Range(1, 10_080)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Verification codes one account may be sent in an hour.</summary>
    [Range(1, 20)]
    public int VerificationEmailsPerHour { get; set; } = 3;

    /// <summary>A signing key older than this is replaced by a new one.</summary>
    [Range(1, 3_650)]
    public int SigningKeyRotationDays { get; set; } = 30;

    /// <summary>
    /// How long a new key is published before it signs: longer than validators cache the JWKS
    /// (Jwt:KeysCacheSeconds), so no valid token meets a validator that does not know its key.
    /// </summary>
    [Range(0, 86_400)]
    public int SigningKeyActivationDelaySeconds { get; set; } = 600;
}
