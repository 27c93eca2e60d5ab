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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bytes = new byte[64];
        if (!string.IsNullOrEmpty(SigningKey) && !(Convert.TryFromBase64String(SigningKey, bytes, out var length) && length >= 32))
        {
            yield return new ValidationResult($"{Section}:{nameof(SigningKey)} must be at least 32 bytes, in base64.", [nameof(SigningKey)]);
        }
    }
}
