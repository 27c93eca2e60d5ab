using MimeKit;

namespace Vidsnap.Platform.Email;

/// <summary>The MIME message both email adapters write: one to an SMTP server, the other to a file.</summary>
public static class MimeMessages
{
    public static MimeMessage Create(OutgoingEmail email, EmailOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = now,
            MessageId = $"{email.DeduplicationKey}@vidsnap",
            Body = Body(email),
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    /// <summary>
    /// Text alone, or multipart/alternative with the text first (what mail readers without HTML show) and the HTML
    /// in a multipart/related beside its inline images.
    /// </summary>
    private static MimeEntity Body(OutgoingEmail email)
    {
        if (email.HtmlBody is null)
        {
            return new TextPart("plain") { Text = email.TextBody };
        }

        var builder = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var image in email.InlineImages)
        {
            var resource = builder.LinkedResources.Add(image.FileName, image.Content, ContentType.Parse(image.MediaType));
            resource.ContentId = image.ContentId;
        }

        return builder.ToMessageBody();
    }
}
