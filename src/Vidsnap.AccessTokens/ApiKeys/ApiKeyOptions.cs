using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.AccessTokens.ApiKeys;

public sealed class ApiKeyOptions : IOptionsSection
{
    public const string Section = "ApiKeys";

    static string IOptionsSection.Section => Section;

    /// <summary>How long a validator keeps what it looked up about a key; a revoked key stops working within this.</summary>
    [Range(0, 5, ErrorMessage = "ApiKeys:CacheSeconds must be from 0 to 5: a revoked key must stop working within 5 seconds.")]
    public int CacheSeconds { get; set; } = 5;
}
