using Vidsnap.Platform.Storage;

namespace Vidsnap.Gateway;

/// <summary>
/// The web app's Content-Security-Policy: its own scripts and styles only, nothing inline, nothing from
/// elsewhere, except that uploads, sprites and images go to the object store's pre-signed URLs, whose origins
/// the store's adapter names (none when it is served from this origin) unless Gateway:StorageOrigins says otherwise.
/// </summary>
internal static class ContentSecurityPolicy
{
    public static string Build(StorageOrigins store, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var origins = options.StorageOrigins is { Length: > 0 } configured ? configured : store.Origins;
        var extra = origins.Count == 0 ? string.Empty : " " + string.Join(' ', origins);
        return "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; manifest-src 'self'"
            + $"; img-src 'self'{extra}; connect-src 'self'{extra}"
            + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }
}
