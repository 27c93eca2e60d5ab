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
}
