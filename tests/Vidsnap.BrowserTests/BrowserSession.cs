using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>One user's browser: its page, the errors the page reported, and steps every test takes.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, CSP violations included; expected API errors (4xx) are filtered by the tests.</summary>
    public List<string> Errors { get; } = [];

    public async Task<string> SignUpAsync()
    {
        var email = $"web-{Guid.NewGuid():N}@example.com";
        await Page.GotoAsync("/");
        await Expect.Heading(Page, "Sign in");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect.Heading(Page, "Create your account");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect.Heading(Page, "My videos");
        return email;
    }

    public Task ScreenshotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf(name), FullPage = fullPage });

    /// <summary>Errors other than the API's expected refusals (which the browser logs as failed resources).</summary>
    public IReadOnlyList<string> UnexpectedErrors()
    {
        lock (Errors)
        {
            return [.. Errors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal))];
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
