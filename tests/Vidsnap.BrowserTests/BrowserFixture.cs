using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>
/// The whole product on a real port and Debian's chromium driving it: Playwright's own browser builds are
/// never downloaded. One app and one browser per test class; each test gets its own browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserFixture()
        : this([])
    {
    }

    /// <summary>The app with these settings over the test defaults, for a fixture that needs others.</summary>
    protected BrowserFixture(Dictionary<string, string> settings) => App = new VidsnapApp(settings);

    public VidsnapApp App { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using (var client = App.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (test.sh does it).");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) that fails the test on any page error or CSP violation.</summary>
    public async Task<BrowserSession> NewSessionAsync(int width = 1200, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        App.Dispose();
    }
}
