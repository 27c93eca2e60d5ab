namespace Vidsnap.Infrastructure.Security;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public const string Algorithm = "ES256";

    public string Issuer { get; set; } = "vidsnap-auth";

    public string Audience { get; set; } = "vidsnap-api";

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Where the auth role publishes its keys; when empty, this process's own auth role.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Allowed clock difference between the auth role and validators; at most 30 s.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>How long validators keep the JWKS before fetching it again; a token with an unknown key also triggers a fetch.</summary>
    public int KeysCacheSeconds { get; set; } = 300;
}
