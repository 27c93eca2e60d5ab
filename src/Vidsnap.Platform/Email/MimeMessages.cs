using MimeKit;

namespace Vidsnap.Platform.Email;

/// <summary>The MIME message both email adapters write: one to an SMTP server, the other to a file.</summary>
public static class MimeMessages
{
    public static MimeMessage Create(OutgoingEmail email, EmailOptions options, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = now,
            MessageId = $"{email.DeduplicationKey}@vidsnap",
            Body = new TextPart("plain") { Text = email.TextBody },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }
}
