using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>
/// `./run.sh distributed` (S3 on its own origin, one process per role) with multipart uploads from 5 MiB,
/// and Debian's chromium: the web app's cross-origin uploads, parts and images under its CSP.
/// </summary>
public sealed class DistributedBrowserFixture : IAsyncLifetime
{
    public const long PartBytes = 5L * 1024 * 1024;

    private IPlaywright? playwright;

    public DistributedStack Stack { get; } = new($"--Storage:S3:MultipartThresholdBytes={PartBytes}", $"--Storage:S3:PartSizeBytes={PartBytes}");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Stack.Gateway.ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Stack.DisposeAsync();
    }
}
