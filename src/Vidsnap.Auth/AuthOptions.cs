namespace Vidsnap.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const int MinimumPasswordIterations = 600_000;

    /// <summary>PBKDF2-SHA256 iterations for new hashes; OWASP's 2023 floor is 600,000.</summary>
    public int PasswordIterations { get; set; } = MinimumPasswordIterations;

    public int MinimumPasswordLength { get; set; } = 8;
}
