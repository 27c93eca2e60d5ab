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

    /// <summary>
    /// The API reference's policy, for its page only. Scripts: this origin, plus the one inline module Scalar starts
    /// itself with, allowed by the nonce it put on that page, never by 'unsafe-inline' (which would let any injected
    /// script run). Styles: Scalar sets style attributes and style elements at run time, which neither a nonce nor
    /// hashes can cover, so inline styles are allowed here; a style cannot run code, and everything else is as strict
    /// as the web app's (this origin only: the document, "try it" requests, the bundled script and icon).
    /// </summary>
    public static string ForApiReference(string nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        return $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; font-src 'self'"
            + "; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }
}
