using System.ComponentModel.DataAnnotations;
using System.Net;
using Vidsnap.Platform.Options;

namespace Vidsnap.Gateway;

public sealed class GatewayOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Gateway";

    static string IOptionsSection.Section => Section;

    /// <summary>Where the auth role runs when it is not in this process; requests to /auth are proxied there.</summary>
    public string? AuthUrl { get; set; }

    /// <summary>Where the api role runs when it is not in this process; /api requests are authenticated here, then proxied.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>
    /// Origins the web app may send uploads to and load images from, for the Content-Security-Policy. Unset:
    /// this origin in embedded mode, the S3 endpoint (AWS_ENDPOINT_URL_S3, or AWS) in distributed mode.
    /// </summary>
    public string[]? StorageOrigins { get; set; }

    /// <summary>Browser origins allowed to call the gateway from another site (CORS); none when empty.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Sign-in and sign-up requests allowed per client IP per minute.</summary>
    [Range(1, 1_000_000)]
    public int SignInPermitsPerMinute { get; set; } = 20;

    /// <summary>
    /// Addresses of the load balancers in front of the gateway, whose X-Forwarded-For is believed; the client IP
    /// for rate limits comes from there. Empty: the connection's address is the client.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, url) in new[] { (nameof(AuthUrl), AuthUrl), (nameof(ApiUrl), ApiUrl) })
        {
            if (!string.IsNullOrEmpty(url) && !IsHttpUrl(url))
            {
                yield return new ValidationResult($"{Section}:{name} '{url}' must be an absolute http(s) URL.", [name]);
            }
        }

        foreach (var origin in (StorageOrigins ?? []).Concat(AllowedOrigins).Where(o => !IsHttpUrl(o.Replace("*.", "x.", StringComparison.Ordinal))))
        {
            yield return new ValidationResult($"{Section}: the origin '{origin}' must be scheme and host, such as https://app.example.com.", [nameof(AllowedOrigins)]);
        }

        foreach (var proxy in TrustedProxies.Where(p => !(p.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(p, out _) : IPAddress.TryParse(p, out _))))
        {
            yield return new ValidationResult($"{Section}:{nameof(TrustedProxies)} '{proxy}' is neither an IP address nor a CIDR range.", [nameof(TrustedProxies)]);
        }
    }

    private static bool IsHttpUrl(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
