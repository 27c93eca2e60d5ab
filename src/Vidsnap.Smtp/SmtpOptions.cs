using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using Vidsnap.Platform.Options;

namespace Vidsnap.Smtp;

public sealed class SmtpOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Smtp";

    static string IOptionsSection.Section => Section;

    /// <summary>When empty, emails are written as .eml files under the data directory instead.</summary>
    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    /// <summary>"Auto", "None", "StartTls" or "SslOnConnect".</summary>
    public string Security { get; set; } = "Auto";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Host);

    public SecureSocketOptions SocketOptions() => Enum.Parse<SecureSocketOptions>(Security, ignoreCase: true);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(Security)} '{Security}' is not one of Auto, None, StartTls, StartTlsWhenAvailable, SslOnConnect.", [nameof(Security)]);
        }
    }
}
