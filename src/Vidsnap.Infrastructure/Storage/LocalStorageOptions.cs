namespace Vidsnap.Infrastructure.Storage;

public sealed class LocalStorageOptions
{
    public const string Section = "Storage:Local";

    /// <summary>Base64 HMAC key for signed URLs; generated and kept in the data directory when empty.</summary>
    public string? SigningKey { get; set; }

    public int UrlExpiryMinutes { get; set; } = 15;
}
