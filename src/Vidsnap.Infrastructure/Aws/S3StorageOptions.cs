namespace Vidsnap.Infrastructure.Aws;

public sealed class S3StorageOptions
{
    public const string Section = "Storage:S3";

    public string Bucket { get; set; } = "vidsnap";

    /// <summary>Path-style addressing (bucket in the path), as S3-compatible servers need; on when an endpoint is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Uploads above this size use a multipart upload with one pre-signed URL per part.</summary>
    public long MultipartThresholdBytes { get; set; } = 100L * 1024 * 1024;

    public long PartSizeBytes { get; set; } = 64L * 1024 * 1024;

    public int UrlExpiryMinutes { get; set; } = 15;
}
