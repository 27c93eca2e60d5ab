using System.Globalization;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>
/// As <see cref="BrowserFixture"/>, with an embedded store that takes any file over 64 KiB in parts of 64 KiB (the
/// smallest it allows), so a test video of a few hundred KiB goes up in several parts that can be held and resumed,
/// and limits other than the defaults, so a page showing them can only have read them from GET /api/limits.
/// </summary>
public sealed class SmallPartsBrowserFixture : IAsyncLifetime
{
    public const int PartBytes = 64 * 1024;
    public const int DefaultMaxFrames = 900;
    public const double MinIntervalSeconds = 0.05;

    private IPlaywright? playwright;

    public VidsnapApp App { get; } = new(new Dictionary<string, string>
    {
        ["Storage:Local:MultipartThresholdBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
        ["Storage:Local:PartSizeBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
        ["Api:DefaultMaxFrames"] = DefaultMaxFrames.ToString(CultureInfo.InvariantCulture),
        ["Api:MinIntervalSeconds"] = MinIntervalSeconds.ToString(CultureInfo.InvariantCulture),
    });

    public IBrowser Browser { get; private set; } = null!;

    private Uri BaseAddress { get; set; } = null!;

    public async Task InitializeAsync()
    {
        using (var client = App.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }

        Assert.True(File.Exists(BrowserFixture.ChromiumPath), $"{BrowserFixture.ChromiumPath} is missing: apt-get install -y chromium (test.sh does it).");
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
            BaseURL = BaseAddress.ToString(),
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
        App.Dispose();
    }
}
