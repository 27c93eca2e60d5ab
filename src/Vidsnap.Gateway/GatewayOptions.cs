namespace Vidsnap.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

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
    public int SignInPermitsPerMinute { get; set; } = 20;

    /// <summary>
    /// Addresses of the load balancers in front of the gateway, whose X-Forwarded-For is believed; the client IP
    /// for rate limits comes from there. Empty: the connection's address is the client.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}
