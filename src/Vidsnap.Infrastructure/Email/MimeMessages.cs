using MimeKit;

namespace Vidsnap.Infrastructure.Email;

internal static class MimeMessages
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
