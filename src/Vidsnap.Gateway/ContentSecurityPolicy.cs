using Microsoft.Extensions.Configuration;

namespace Vidsnap.Gateway;

/// <summary>
/// The web app's Content-Security-Policy: its own scripts and styles only, nothing inline, nothing from
/// elsewhere, except that uploads, sprites and images go to the object store's pre-signed URLs. In embedded
/// mode those are on this origin; with S3 they are on the S3 server, which must be allowed to be reached.
/// </summary>
internal static class ContentSecurityPolicy
{
    public static string Build(IConfiguration configuration, GatewayOptions options)
    {
        var storage = string.Join(' ', StorageOrigins(configuration, options));
        var extra = storage.Length == 0 ? string.Empty : " " + storage;
        return "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; manifest-src 'self'"
            + $"; img-src 'self'{extra}; connect-src 'self'{extra}"
            + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    private static string[] StorageOrigins(IConfiguration configuration, GatewayOptions options)
    {
        if (options.StorageOrigins is { Length: > 0 } configured)
        {
            return configured;
        }

        if (!string.Equals(configuration["Vidsnap:Mode"], "distributed", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        // The same endpoint the S3 client signs its URLs for (see AwsClients); without one, AWS itself.
        var endpoint = configuration["AWS_ENDPOINT_URL_S3"] is { Length: > 0 } s3 ? s3 : configuration["AWS_ENDPOINT_URL"];
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            ? [uri.GetLeftPart(UriPartial.Authority)]
            : ["https://*.amazonaws.com"];
    }
}
