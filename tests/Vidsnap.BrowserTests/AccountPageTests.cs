using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>The account page: what the account uses of each quota against its limit, and deleting it.</summary>
public sealed class AccountPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_account_page_shows_usage_against_each_limit_and_deleting_the_account_signs_out_for_good()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var email = await browser.SignUpAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect.Heading(page, "Your account");
        await Assertions.Expect(page.Locator("#account-email")).ToContainTextAsync(email);
        await Assertions.Expect(page.Locator("#usage tr[data-quota='Storage'] .usage")).ToHaveTextAsync("0 B of 50 GB");
        await Assertions.Expect(page.Locator("#usage tr[data-quota='API keys'] .usage")).ToHaveTextAsync("0 of 25");
        await Assertions.Expect(page.Locator("#retention")).ToContainTextAsync("7 days");
        await browser.ScreenshotAsync("account-page");

        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" });
        await Assertions.Expect(delete).ToBeDisabledAsync();
        await page.GetByLabel($"Type {email} to confirm").FillAsync(email);
        await delete.ClickAsync();
        await Expect.Heading(page, "Sign in");
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();

        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var login = await client.PostAsJsonAsync("/auth/login", new { email, password = BrowserSession.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Empty(browser.UnexpectedErrors());
    }
}
