namespace Vidsnap.Platform.Storage;

/// <summary>
/// The origins a browser reaches when it follows the object store's URLs (uploads, images), which the web app's
/// Content-Security-Policy must allow. Empty when the store is served from the gateway's own origin.
/// </summary>
public sealed record StorageOrigins(IReadOnlyList<string> Origins)
{
    public static StorageOrigins SameOrigin { get; } = new([]);
}
