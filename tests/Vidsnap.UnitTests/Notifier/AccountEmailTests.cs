using Vidsnap.Contracts;
using Vidsnap.Notifier;
using Vidsnap.Platform.Email;

namespace Vidsnap.UnitTests.Notifier;

public sealed class AccountEmailTests
{
    private static AccountEmailRequest Request(string kind, string? code = "AbCdEfGhIjKlMnOp", string? link = "https://vidsnap.example.com/#/verify?code=AbCdEfGhIjKlMnOp") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "owner@example.com", kind, code, link, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(AccountEmailKinds.VerifyEmail, "Verify this address")]
    [InlineData(AccountEmailKinds.UnlockSignIn, "Let this browser sign in")]
    [InlineData(AccountEmailKinds.PasswordReset, "Choose a new password")]
    public void A_code_s_email_says_the_same_in_html_with_a_button_to_its_link(string kind, string button)
    {
        var request = Request(kind);
        var message = MimeMessages.Create(AccountEmail.Compose(request), new EmailOptions(), DateTimeOffset.UnixEpoch);

        Assert.Contains($"this code: {request.Code}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"this code: {request.Code}", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{request.Link}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($">{button}</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.All(message.HtmlBody!.Split('\n'), line => Assert.True(line.Length < 998, $"A line of {line.Length} characters."));
    }

    [Fact]
    public void A_notice_without_a_link_has_no_button()
    {
        var message = MimeMessages.Create(AccountEmail.Compose(Request(AccountEmailKinds.PasswordChanged, null, null)), new EmailOptions(), DateTimeOffset.UnixEpoch);

        Assert.Contains("password of your Vidsnap account was just changed", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", message.HtmlBody, StringComparison.Ordinal);
    }
}
