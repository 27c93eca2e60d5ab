using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Embedded.Storage;

public sealed class LocalStorageOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Storage:Local";

    static string IOptionsSection.Section => Section;

    /// <summary>Base64 HMAC key for signed URLs; generated and kept in the data directory when empty.</summary>
    public string? SigningKey { get; set; }

    [Range(0, 10_080)]
    public int UrlExpiryMinutes { get; set; } = 15;

    /// <summary>A file larger than this goes up in parts, which a client sends in parallel and resumes part by part.</summary>
    [Range(64 * 1024, long.MaxValue)]
    public long MultipartThresholdBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Each part's size (the last is smaller); larger when a file would need more than 10,000 parts.</summary>
    [Range(64 * 1024, 5L * 1024 * 1024 * 1024)]
    public long PartSizeBytes { get; set; } = 64L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bytes = new byte[64];
        if (!string.IsNullOrEmpty(SigningKey) && !(Convert.TryFromBase64String(SigningKey, bytes, out var length) && length >= 32))
        {
            yield return new ValidationResult($"{Section}:{nameof(SigningKey)} must be at least 32 bytes, in base64.", [nameof(SigningKey)]);
        }

        if (MultipartThresholdBytes < PartSizeBytes)
        {
            yield return new ValidationResult($"{Section}:{nameof(MultipartThresholdBytes)} must be at least {nameof(PartSizeBytes)}.", [nameof(MultipartThresholdBytes)]);
        }
    }
}
