using Microsoft.Extensions.Options;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Embedded.Email;

/// <summary>
/// Writes each email as &lt;data&gt;/mail/&lt;key&gt;.eml. Named by de-duplication key and moved into place whole,
/// so sending the same email twice leaves one file.
/// </summary>
public sealed class FileEmailSender(VidsnapPaths paths, IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        OwnerOnly.Directory(paths.Mail);
        var path = Path.Combine(paths.Mail, $"{email.DeduplicationKey}.eml");
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, OwnerOnly.NewFile()))
            {
                await MimeMessages.Create(email, options.Value, time.GetUtcNow()).WriteToAsync(file, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
