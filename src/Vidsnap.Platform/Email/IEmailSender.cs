namespace Vidsnap.Platform.Email;

/// <summary>An email to send. The de-duplication key becomes its Message-Id, so a resend is recognisably the same email.</summary>
public sealed record OutgoingEmail(string DeduplicationKey, string To, string Subject, string TextBody);

/// <summary>The email seam: files in embedded mode, SMTP (SES's SMTP interface on AWS) when configured.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
