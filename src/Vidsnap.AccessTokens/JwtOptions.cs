using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.AccessTokens;

public sealed class JwtOptions : IOptionsSection
{
    public const string Section = "Jwt";

    public const string Algorithm = "ES256";

    static string IOptionsSection.Section => Section;

    [Required(AllowEmptyStrings = false)]
    public string Issuer { get; set; } = "vidsnap-auth";

    [Required(AllowEmptyStrings = false)]
    public string Audience { get; set; } = "vidsnap-api";

    [Range(1, 1_440)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 3_650)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Where the auth role publishes its keys; when empty, this process's own auth role.</summary>
    [Url]
    public string? JwksUrl { get; set; }

    /// <summary>Allowed clock difference between the auth role and validators; at most 30 s.</summary>
    [Range(0, 30, ErrorMessage = "Jwt:ClockSkewSeconds must be between 0 and 30.")]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>How long validators keep the JWKS before fetching it again; a token with an unknown key also triggers a fetch.</summary>
    [Range(1, 86_400)]
    public int KeysCacheSeconds { get; set; } = 300;

    /// <summary>Access tokens each process remembers as valid until they expire, so each is checked once; 0 checks every request.</summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;
}
