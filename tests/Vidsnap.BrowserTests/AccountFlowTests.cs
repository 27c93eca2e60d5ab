using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>The account's own settings in a real browser: its password (changed or forgotten), its sessions, API keys and webhooks.</summary>
public sealed partial class AccountFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Changing_the_password_shows_a_wrong_current_one_under_its_field_and_then_only_the_new_one_signs_in()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var email = await browser.SignUpAsync();
        await OpenAccountAsync(page);

        await page.GetByLabel("Current password", new() { Exact = true }).FillAsync("not my password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-password-error")).ToHaveTextAsync("That is not your current password.");
        await Assertions.Expect(page.Locator("#current-password")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Current password", new() { Exact = true }).FillAsync(BrowserSession.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-status")).ToContainTextAsync("Your password was changed");
        await Assertions.Expect(page.Locator("#current-password-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#session-count")).ToContainTextAsync("1 session");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect.Heading(page, "Sign in");
        await SignInAsync(page, email, BrowserSession.Password);
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("Invalid credentials");
        await SignInAsync(page, email, NewPassword);
        await Expect.Heading(page, "My videos");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_emailed_link_and_the_new_one_signs_in()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var email = await browser.SignUpAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect.Heading(page, "Sign in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect.Heading(page, "Forgot your password?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a reset link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#forgot-email-error")).ToHaveTextAsync("Enter your email address.");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a reset link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#forgot-status")).ToContainTextAsync("If the address has an account");
        await browser.ScreenshotAsync("forgot-password");

        // The link as the person gets it: from the email the server wrote.
        var link = await ResetLinkAsync(email);
        await page.GotoAsync(link);
        await Expect.Heading(page, "Choose a new password");
        await page.GetByLabel("New password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-password-error")).ToContainTextAsync("at least 8 characters");
        await browser.ScreenshotAsync("reset-password");

        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-status")).ToHaveTextAsync("Your password was changed.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with it" }).ClickAsync();
        await SignInAsync(page, email, NewPassword);
        await Expect.Heading(page, "My videos");

        // The link was good once.
        await page.GotoAsync(link);
        await page.GetByLabel("New password").FillAsync("yet another passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("Invalid reset code");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task An_api_key_is_created_with_its_secret_shown_once_works_and_stops_working_when_revoked()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        await OpenAccountAsync(page);

        var name = $"ci {Guid.NewGuid():N}"[..12];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Upload, retry and delete videos (videos:write)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = await page.Locator("#key-secret-value").InputValueAsync();
        Assert.StartsWith("vsk_", secret, StringComparison.Ordinal);
        var row = page.Locator("#keys-list tr").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("videos:read, videos:write");
        await Assertions.Expect(page.Locator("#usage tr[data-quota='API keys'] .usage")).ToHaveTextAsync("1 of 25");
        Assert.Equal(HttpStatusCode.OK, await VideosStatusWithAsync(secret));

        // Revoking asks once more in the button itself.
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name} for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys-list")).ToHaveTextAsync("No API keys yet.");
        await Assertions.Expect(page.Locator("#usage tr[data-quota='API keys'] .usage")).ToHaveTextAsync("0 of 25");
        await Eventually.TrueAsync(async () => await VideosStatusWithAsync(secret) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(6),
            "The revoked key still works after ApiKeys:CacheSeconds (5 s at most).");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_webhook_is_refused_with_the_reason_under_its_field_then_added_with_its_secret_and_removed()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        await OpenAccountAsync(page);

        var url = page.GetByLabel("Receiver URL");
        await url.FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-url-error")).ToContainTextAsync("absolute https URL");

        // Embedded mode lets receivers run on this machine.
        var receiver = $"http://127.0.0.1:9/events/{Guid.NewGuid():N}";
        await url.FillAsync(receiver);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        Assert.StartsWith("whsec_", await page.Locator("#webhook-secret-value").InputValueAsync(), StringComparison.Ordinal);
        var row = page.Locator("#webhooks-list tr").Filter(new() { HasText = receiver });
        await Assertions.Expect(row).ToContainTextAsync("video.completed, video.failed, video.deleted");
        await Assertions.Expect(page.Locator("#webhook-url-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#usage tr[data-quota='Webhooks'] .usage")).ToContainTextAsync("1 of ");
        await browser.ScreenshotAsync("account-settings");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhooks-list")).ToHaveTextAsync("No webhooks yet.");
        await Assertions.Expect(page.Locator("#usage tr[data-quota='Webhooks'] .usage")).ToContainTextAsync("0 of ");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Signing_out_everywhere_lands_on_sign_in_and_ends_the_other_browsers_session_too()
    {
        await using var browser = await fixture.NewSessionAsync();
        await using var other = await fixture.NewSessionAsync();
        var page = browser.Page;
        var email = await browser.SignUpAsync();
        await other.Page.GotoAsync("/");
        await SignInAsync(other.Page, email, BrowserSession.Password);
        await Expect.Heading(other.Page, "My videos");

        await OpenAccountAsync(page);
        await Assertions.Expect(page.Locator("#session-count")).ToContainTextAsync("2 sessions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect.Heading(page, "Sign in");
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();

        // The other browser finds out at its next load: its refresh cookie no longer works.
        await other.Page.ReloadAsync();
        await Expect.Heading(other.Page, "Sign in");
        Assert.Empty(browser.UnexpectedErrors());
        Assert.Empty(other.UnexpectedErrors());
    }

    private static async Task OpenAccountAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect.Heading(page, "Your account");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await Expect.Heading(page, "Sign in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private async Task<HttpStatusCode> VideosStatusWithAsync(string secret)
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.GetAsync("/api/videos");
        return response.StatusCode;
    }

    /// <summary>The link in the reset email the server wrote to its mail directory for this address.</summary>
    private async Task<string> ResetLinkAsync(string email)
    {
        string? link = null;
        await Eventually.TrueAsync(async () =>
        {
            foreach (var file in Directory.Exists(fixture.App.MailDirectory) ? Directory.GetFiles(fixture.App.MailDirectory, "password-reset-*.eml") : [])
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase) && ResetLink().Match(text) is { Success: true } match)
                {
                    link = match.Value;
                    return true;
                }
            }

            return false;
        }, TimeSpan.FromSeconds(30), $"No password-reset email for {email}");
        return link!;
    }

    [GeneratedRegex(@"https?://\S+/#/reset\?code=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}
