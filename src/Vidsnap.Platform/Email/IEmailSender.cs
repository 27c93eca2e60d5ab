namespace Vidsnap.Platform.Email;

/// <summary>
/// An email to send. The de-duplication key becomes its Message-Id, so a resend is recognisably the same email. The
/// text body is always there (the plain-text alternative); an HTML body may show the inline images by their content id.
/// </summary>
public sealed record OutgoingEmail(string DeduplicationKey, string To, string Subject, string TextBody)
{
    public string? HtmlBody { get; init; }

    public IReadOnlyList<InlineImage> InlineImages { get; init; } = [];
}

/// <summary>A picture the HTML body shows as <c>cid:ContentId</c>, sent inside the email rather than fetched.</summary>
public sealed record InlineImage(string ContentId, string FileName, string MediaType, byte[] Content);

/// <summary>The email seam: files in embedded mode, SMTP (SES's SMTP interface on AWS) when configured.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
