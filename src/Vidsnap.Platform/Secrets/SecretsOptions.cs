using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Secrets;

public sealed class SecretsOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Secrets";

    static string IOptionsSection.Section => Section;

    /// <summary>
    /// Base64 of 32 random bytes that encrypts the Data Protection key ring (which encrypts the signing keys and
    /// webhook secrets). Every process of one installation needs the same one: a Kubernetes secret. Unset in
    /// embedded mode: generated once in the data directory (owner-only).
    /// </summary>
    public string? MasterKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bytes = new byte[64];
        if (!string.IsNullOrEmpty(MasterKey) && !(Convert.TryFromBase64String(MasterKey, bytes, out var length) && length == 32))
        {
            yield return new ValidationResult($"{Section}:{nameof(MasterKey)} must be 32 bytes in base64 (openssl rand -base64 32).", [nameof(MasterKey)]);
        }
    }
}
