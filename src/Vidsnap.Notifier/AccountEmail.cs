using Vidsnap.Contracts;
using Vidsnap.Platform.Email;

namespace Vidsnap.Notifier;

/// <summary>The words of the account emails: the text, and the same as HTML with a button for the link it carries.</summary>
public static class AccountEmail
{
    public static OutgoingEmail Compose(AccountEmailRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Text(request);
        var (heading, button) = request.Kind switch
        {
            AccountEmailKinds.VerifyEmail => ("Verify your email address", "Verify this address"),
            AccountEmailKinds.UnlockSignIn => ("Sign in from this browser", "Let this browser sign in"),
            AccountEmailKinds.PasswordReset => ("Reset your password", "Choose a new password"),
            AccountEmailKinds.PasswordChanged => ("Your password was changed", null),
            _ => ("Someone tried to sign up with your address", null),
        };
        return text with
        {
            HtmlBody = EmailHtml.Page(heading, Paragraphs(text.TextBody), button: button is not null && request.Link is { } link ? (button, link) : null),
        };
    }

    /// <summary>The text's paragraphs, each on one line: the HTML says the same words, so neither can drift from the other.</summary>
    private static IEnumerable<string> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)));

    private static OutgoingEmail Text(AccountEmailRequest request)
    {
        return request.Kind switch
        {
            AccountEmailKinds.VerifyEmail => new OutgoingEmail(request.DeduplicationKey, request.Email, "Verify your email address for Vidsnap",
                $"""
                Hello,

                To confirm that {request.Email} is yours, open this link:
                {request.Link}

                or give Vidsnap this code: {request.Code}

                The code works once, for 24 hours. Until the address is verified, Vidsnap sends it nothing else.
                If you did not sign up for Vidsnap, ignore this email.
                """),
            AccountEmailKinds.UnlockSignIn => new OutgoingEmail(request.DeduplicationKey, request.Email, "Sign in to Vidsnap from this browser",
                $"""
                Hello,

                Signing in to your Vidsnap account was paused after repeated wrong passwords, and someone (you, we hope)
                asked to sign in anyway. To let the browser you asked from sign in, open this link in it:
                {request.Link}

                or give Vidsnap this code: {request.Code} (in that browser).

                The code works once, for 24 hours; you still need your password. If you did not ask, ignore this email:
                whoever tried cannot sign in without your password, and your own browsers keep working.
                """),
            AccountEmailKinds.PasswordReset => new OutgoingEmail(request.DeduplicationKey, request.Email, "Reset your Vidsnap password",
                $"""
                Hello,

                Someone (you, we hope) asked to reset the password of the Vidsnap account for {request.Email}.
                To choose a new password, open this link:
                {request.Link}

                or give Vidsnap this code: {request.Code}

                The code works once, for 30 minutes. Setting a new password signs out every browser and app signed in
                to the account. If you did not ask, ignore this email: your password stays as it is.
                """),
            AccountEmailKinds.PasswordChanged => new OutgoingEmail(request.DeduplicationKey, request.Email, "Your Vidsnap password was changed",
                """
                Hello,

                The password of your Vidsnap account was just changed, and the other browsers and apps signed in to it
                were signed out.

                If you made this change, you need do nothing. If you did not, reset your password at once with
                "Forgot your password?" on the sign-in page: the reset code goes only to this address.
                """),
            _ => new OutgoingEmail(request.DeduplicationKey, request.Email, "Someone tried to sign up for Vidsnap with your address",
                """
                Hello,

                Someone tried to create a Vidsnap account with this email address, which already has one. Nothing was changed.
                If it was you, sign in instead. If it was not, you need do nothing: your account and password are as they were.
                """),
        };
    }
}
