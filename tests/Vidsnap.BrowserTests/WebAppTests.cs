using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>The web app in a real browser, against the whole product: every step a person takes, through the public API only.</summary>
public sealed partial class WebAppTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Sign_up_upload_watch_it_complete_open_its_page_and_download_the_zip()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        await RecordProgressTextsAsync(page);
        var video = await TestVideos.PatternAsync(seconds: 10, width: 640, height: 360);
        var fileName = Path.GetFileName(video);

        await page.GetByLabel("Seconds between frames").FillAsync("0.5");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        // Once uploaded, the file leaves the uploads panel for the list, where it shows once.
        var upload = page.Locator($"li.upload[data-file='{fileName}']");
        await Assertions.Expect(upload).ToHaveCountAsync(0);
        var row = page.Locator("#videos li.video").Filter(new() { HasText = fileName });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(row.Locator(".frames")).ToHaveTextAsync("20 frames");
        var progressSeen = await page.EvaluateAsync<string[]>("() => window.progressSeen");
        Assert.Contains(progressSeen, t => ProgressText().IsMatch(t));
        await browser.ScreenshotAsync("videos-list");

        await row.GetByRole(AriaRole.Link, new() { Name = fileName }).ClickAsync();
        await Expect.Heading(page, fileName);
        await Assertions.Expect(page.Locator("#frame-count")).ToHaveTextAsync("20");
        await page.WaitForFunctionAsync("() => document.querySelector('#poster')?.naturalWidth > 0 && document.querySelector('#contact-sheet')?.naturalWidth > 0");
        Assert.Equal(
            ["Awaiting upload", "Queued", "Processing", "Completed"],
            (await page.Locator("#history li strong").AllTextContentsAsync()).ToArray());

        // Scrubbing by keyboard: the tile and time follow the slider.
        var slider = page.GetByLabel("Scrub through the storyboard");
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(page.Locator(".scrub output")).Not.ToHaveTextAsync("00:00.0");
        var tile = await page.Locator(".scrub .tile").EvaluateAsync<string>("t => getComputedStyle(t).backgroundImage + ' ' + getComputedStyle(t).backgroundPosition");
        Assert.Contains("sprite_001.jpg", tile, StringComparison.Ordinal);
        Assert.DoesNotContain("0px 0px", tile, StringComparison.Ordinal);
        await browser.ScreenshotAsync("video-page");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download").ClickAsync());
        Assert.EndsWith("-frames.zip", download.SuggestedFilename, StringComparison.Ordinal);
        var zipPath = Path.Combine(fixture.App.DataDirectory, "downloaded.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal(20, names.Count(n => n.StartsWith("frame_", StringComparison.Ordinal) && n.EndsWith(".jpg", StringComparison.Ordinal)));
            Assert.Contains("manifest.json", names);
            Assert.Contains("poster.jpg", names);
            Assert.Contains("contact_sheet.jpg", names);
            Assert.Contains("storyboard/storyboard.vtt", names);
        }

        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Two_files_at_once_a_text_file_named_mp4_ends_failed_with_its_reason_shown_in_the_list_and_on_its_page()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        var notVideo = Path.Combine(fixture.App.DataDirectory, "notes.mp4");
        await File.WriteAllTextAsync(notVideo, "These are my meeting notes, not a video.\n");
        var video = await TestVideos.PatternAsync(seconds: 3);

        await page.GetByLabel("Choose videos").SetInputFilesAsync([notVideo, video]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload 2 videos" }).ClickAsync();

        await Assertions.Expect(page.Locator("#videos li.video").Filter(new() { HasText = Path.GetFileName(video) }))
            .ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        var row = page.Locator("#videos li.video").Filter(new() { HasText = "notes.mp4" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = (float)Processing.TotalMilliseconds });
        var reason = await Expect.TextAsync(row.Locator(".error-text"));
        Assert.True(reason.Length > 10, reason);
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Retry notes.mp4" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("failed-upload");

        await row.GetByRole(AriaRole.Link, new() { Name = "notes.mp4" }).ClickAsync();
        await Expect.Heading(page, "notes.mp4");
        await Assertions.Expect(page.Locator("#video-error")).ToContainTextAsync(reason);
        await browser.ScreenshotAsync("failed-video-page");

        // Retry opens its options; started unchanged, it fails again for the same reason, and the history shows both attempts.
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start attempt 2" }).ClickAsync();
        await Assertions.Expect(page.Locator("#history li strong")).ToHaveTextAsync(
            ["Awaiting upload", "Queued", "Processing", "Failed", "Queued", "Processing", "Failed"], new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#video-error")).ToContainTextAsync(new Regex("Processing failed.{10,}"));

        // Delete it from its page: back to the list, without it.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(page.Locator("#videos li.video")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_slow_upload_shows_partial_progress_and_cancel_stops_it_and_removes_the_video()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 20, width: 640, height: 360);
        var fileName = Path.GetFileName(video);
        var cdp = await browser.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 20_000,
        });

        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var upload = page.Locator($"li.upload[data-file='{fileName}']");
        await Assertions.Expect(upload.Locator(".progress-text")).ToHaveTextAsync(new Regex(@"^[1-9][0-9.]* KB of .* \([0-9]{1,2}%\)$"));
        await browser.ScreenshotAsync("upload-in-progress");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel upload of {fileName}" }).ClickAsync();

        await Assertions.Expect(upload.Locator(".upload-state")).ToHaveTextAsync("Cancelled.");
        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(page.GetByText("No videos yet. Upload one above.")).ToBeVisibleAsync();
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task The_refresh_cookie_is_httponly_the_session_survives_a_reload_and_sign_out_ends_it_on_a_phone_screen()
    {
        await using var browser = await fixture.NewSessionAsync(width: 390, height: 844);
        var page = browser.Page;

        // The API's field errors appear under the field they name.
        await page.GotoAsync("/#/signup");
        await page.GetByLabel("Email").FillAsync("phone@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToContainTextAsync("at least 8 characters");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await browser.ScreenshotAsync("sign-up-error");

        var email = await browser.SignUpAsync();
        var cookie = Assert.Single(await browser.Context.CookiesAsync(), c => c.Name == "vidsnap_refresh");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/auth", cookie.Path);
        Assert.DoesNotContain("vidsnap_refresh", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync($"Signed in as {email}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone-sized screen.");
        await browser.ScreenshotAsync("videos-phone");

        // The skip link moves focus to the page's heading without changing the route.
        var url = page.Url;
        await page.Locator(".skip").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(url, page.Url);
        Assert.Equal("My videos", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        // Two tabs restoring the session at once must not look like a replayed refresh token.
        var second = await browser.Context.NewPageAsync();
        await Task.WhenAll(page.ReloadAsync(), second.GotoAsync("/"));
        await Task.WhenAll(Expect.Heading(page, "My videos"), Expect.Heading(second, "My videos"));
        const string RefreshNow = "() => import('/api.js').then(api => api.refresh())";
        for (var i = 0; i < 5; i++)
        {
            var both = await Task.WhenAll(page.EvaluateAsync<bool>(RefreshNow), second.EvaluateAsync<bool>(RefreshNow));
            Assert.Equal([true, true], both);
        }

        await second.ReloadAsync();
        await Expect.Heading(second, "My videos");
        await second.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect.Heading(page, "Sign in");
        await page.ReloadAsync();
        await Expect.Heading(page, "Sign in");
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => c.Name == "vidsnap_refresh");

        // Keyboard only: type, Tab, type, Enter.
        await page.GetByLabel("Email").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserSession.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect.Heading(page, "My videos");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task The_list_follows_a_video_from_its_event_stream_and_reads_nothing_while_it_processes()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var reads = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var streams = 0;
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path == "/api/videos/events")
            {
                Interlocked.Increment(ref streams);
            }
            else if (request.Method == "GET" && VideoRead().IsMatch(path))
            {
                reads.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {request.Url}");
            }
        };
        await browser.SignUpAsync();
        await RecordProgressTextsAsync(page);
        var video = await TestVideos.PatternAsync(seconds: 40, width: 640, height: 360);

        await page.GetByLabel("Seconds between frames").FillAsync("0.1");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var row = page.Locator("#videos li.video").Filter(new() { HasText = Path.GetFileName(video) });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Processing", new() { Timeout = (float)Processing.TotalMilliseconds });
        var readsWhenProcessing = reads.Count;
        var processingSeenAt = DateTimeOffset.UtcNow;

        // From Processing to Completed with not one read of the list or the video: only the stream can have told it.
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(row.Locator(".frames")).ToHaveTextAsync("400 frames");
        Assert.True(readsWhenProcessing == reads.Count,
            $"Processing shown at {processingSeenAt:HH:mm:ss.fff}; reads: {string.Join(", ", reads)}");
        Assert.True(Volatile.Read(ref streams) >= 1);
        var progressSeen = await page.EvaluateAsync<string[]>("() => window.progressSeen");
        Assert.True(progressSeen.Count(t => t.StartsWith("Processing: ", StringComparison.Ordinal)) >= 2, string.Join(", ", progressSeen));
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task When_the_event_stream_is_refused_the_list_polls_and_the_stream_is_tried_again()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var refused = 0;
        await page.RouteAsync("**/api/videos/events", async route =>
        {
            Interlocked.Increment(ref refused);
            await route.AbortAsync();
        });
        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 3);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var row = page.Locator("#videos li.video").Filter(new() { HasText = Path.GetFileName(video) });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        Assert.True(Volatile.Read(ref refused) >= 1);

        // Once the stream can be opened again, the page opens it again by itself.
        var opened = page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/api/videos/events" && r.Status == 200, new() { Timeout = 30_000 });
        await page.UnrouteAsync("**/api/videos/events");
        await opened;
        Assert.Empty(browser.UnexpectedErrors());
    }

    /// <summary>Every progress text a video row shows, kept by the page, so a state that lasts a moment is not missed.</summary>
    private static async Task RecordProgressTextsAsync(IPage page) =>
        await page.EvaluateAsync(@"() => {
            window.progressSeen = [];
            new MutationObserver(() => document.querySelectorAll('#videos .progress-text').forEach(e => {
                if (!window.progressSeen.includes(e.textContent)) window.progressSeen.push(e.textContent);
            })).observe(document.getElementById('main'), { subtree: true, childList: true, characterData: true });
        }");

    [GeneratedRegex(@"^(Waiting|Processing): \d{1,3}%$")]
    private static partial Regex ProgressText();

    /// <summary>A read of the list or of one video, as polling makes.</summary>
    [GeneratedRegex(@"^/api/videos(/[0-9a-f-]{36})?/?$")]
    private static partial Regex VideoRead();
}
