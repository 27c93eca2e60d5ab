using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Aws.S3;

public sealed class S3StorageOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Storage:S3";

    /// <summary>S3's smallest part, except the last; and its largest.</summary>
    private const long MinimumPartBytes = 5L * 1024 * 1024;
    private const long MaximumPartBytes = 5L * 1024 * 1024 * 1024;

    static string IOptionsSection.Section => Section;

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:S3:Bucket must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens).")]
    public string Bucket { get; set; } = "vidsnap";

    /// <summary>Path-style addressing (bucket in the path), as S3-compatible servers need; on when an endpoint is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Uploads above this size use a multipart upload with one pre-signed URL per part.</summary>
    public long MultipartThresholdBytes { get; set; } = 100L * 1024 * 1024;

    public long PartSizeBytes { get; set; } = 64L * 1024 * 1024;

    [Range(0, 10_080)]
    public int UrlExpiryMinutes { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PartSizeBytes is < MinimumPartBytes or > MaximumPartBytes)
        {
            yield return new ValidationResult($"{Section}:{nameof(PartSizeBytes)} must be from 5 MiB to 5 GiB, as S3 requires.", [nameof(PartSizeBytes)]);
        }

        if (MultipartThresholdBytes < PartSizeBytes)
        {
            yield return new ValidationResult($"{Section}:{nameof(MultipartThresholdBytes)} must be at least {nameof(PartSizeBytes)}.", [nameof(MultipartThresholdBytes)]);
        }
    }
}
