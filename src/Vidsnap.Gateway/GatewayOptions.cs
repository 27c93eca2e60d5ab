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
}
