using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Email;

public sealed class EmailOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "Email";

    static string IOptionsSection.Section => Section;

    public string From { get; set; } = "Vidsnap <no-reply@vidsnap.local>";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(From)} '{From}' is not an email address such as 'Vidsnap <no-reply@example.com>'.", [nameof(From)]);
        }
    }
}
