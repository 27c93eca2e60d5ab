using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>One user's browser: its page, the errors the page reported, and steps every test takes.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    /// <summary>Paths whose refusals are the API's answers, not missing files: tests provoke 4xx there on purpose.</summary>
    private static readonly string[] AnswerPaths = ["/api/", "/auth/", "/storage/"];

    private readonly List<string> expectedRefusals = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type != "error")
            {
                return;
            }

            var error = string.IsNullOrEmpty(message.Location) ? message.Text : $"{message.Text} (at {message.Location})";
            Record(error, expected: message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && !IsAppFile(message.Location));
        };
        page.PageError += (_, error) => Record(error);

        // The console names a failed resource only as "Failed to load resource", so a missing stylesheet, script or
        // icon is recorded from the response itself: a file of the app's own that fails is never expected.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && IsAppFile(response.Url))
            {
                Record($"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // Aborted: the page moved on (a reload, a new route) before the file arrived, which is no fault.
            if (IsAppFile(request.Url) && request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                Record($"{failure} for {request.Method} {request.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>
    /// Console errors (with where they came from), uncaught exceptions, CSP violations, and failed loads of the app's
    /// own files; expected API errors (4xx) are left out by <see cref="UnexpectedErrors"/>.
    /// </summary>
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

    /// <summary>
    /// Errors other than the API's expected refusals: a 4xx from /api, /auth or the object store, which the browser
    /// logs as a failed resource and tests provoke on purpose. A failed load of the app's own files stays in.
    /// </summary>
    public IReadOnlyList<string> UnexpectedErrors()
    {
        lock (Errors)
        {
            var expected = new List<string>(expectedRefusals);
            return [.. Errors.Where(e => !expected.Remove(e))];
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    /// <summary>
    /// A file the gateway serves for the web app itself: on the page's origin, outside the API, auth and storage paths.
    /// A console location is "URL:line:column", which parses as a URL whose path ends in ":0:0"; the path prefix is what counts.
    /// </summary>
    private bool IsAppFile(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !Uri.TryCreate(Page.Url, UriKind.Absolute, out var page)
            || !string.Equals(page.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !AnswerPaths.Any(prefix => uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal));
    }

    private void Record(string error, bool expected = false)
    {
        lock (Errors)
        {
            Errors.Add(error);
            if (expected)
            {
                expectedRefusals.Add(error);
            }
        }
    }
}
