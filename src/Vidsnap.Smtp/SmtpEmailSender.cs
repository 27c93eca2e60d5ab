using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Email;

namespace Vidsnap.Smtp;

/// <summary>One connection per email: notifications are few, and a pooled connection would outlive a server's idle timeout.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var settings = smtp.Value;
        using var client = new SmtpClient();
        var host = settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
        await client.ConnectAsync(host, settings.Port, settings.SocketOptions(), cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(MimeMessages.Create(email, options.Value, time.GetUtcNow()), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
