using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>The list's search, status filter and sort, and a video's page: its frames in a gallery, one large in a dialog, its links copied.</summary>
public sealed class GalleryAndListTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(120);

    private static readonly LocatorAssertionsToHaveAttributeOptions UntilProcessed = new() { Timeout = (float)Processing.TotalMilliseconds };

    /// <summary>Uploads the files at once from the list's form, as a person does, and waits until each row shows its final state.</summary>
    private static async Task UploadAsync(IPage page, IReadOnlyList<(string Path, string Status)> files)
    {
        await page.GetByLabel("Choose videos").SetInputFilesAsync(files.Select(f => f.Path));
        await page.GetByRole(AriaRole.Button, new() { Name = files.Count > 1 ? $"Upload {files.Count} videos" : "Upload", Exact = true }).ClickAsync();
        foreach (var (path, status) in files)
        {
            await Assertions.Expect(page.Locator("#videos li.video").Filter(new() { HasText = Path.GetFileName(path) })).ToHaveAttributeAsync("data-status", status, UntilProcessed);
        }
    }

    private string Copy(string source, string name)
    {
        var path = Path.Combine(fixture.App.DataDirectory, name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    [Fact]
    public async Task The_list_shows_thumbnails_search_narrows_it_the_status_filter_and_sort_apply_and_survive_a_reload()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        var pattern = await TestVideos.PatternAsync(seconds: 2);
        var notes = Path.Combine(fixture.App.DataDirectory, "meeting notes.mp4");
        await File.WriteAllTextAsync(notes, "These are my meeting notes, not a video.\n");
        await UploadAsync(page, [(Copy(pattern, "beach day.mp4"), "Completed"), (Copy(pattern, "city walk.mp4"), "Completed"), (notes, "Failed")]);

        var rows = page.Locator("#videos li.video");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        // Posters load lazily: once the list is in view.
        await page.Locator("#videos").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#videos li[data-status=Completed] .thumb img')].filter(i => i.complete && i.naturalWidth > 0).length === 2");
        await Assertions.Expect(rows.Filter(new() { HasText = "beach day.mp4" }).Locator(".badge")).ToHaveTextAsync("Completed");
        await Assertions.Expect(rows.Filter(new() { HasText = "beach day.mp4" }).Locator(".frames")).ToHaveTextAsync(new Regex(@"^[1-9][0-9]* frames$"));

        // Search, typed: the list narrows once typing stops, and the hash says so.
        await page.GetByLabel("Search", new() { Exact = true }).PressSequentiallyAsync("BEACH");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("beach day.mp4");
        Assert.Contains("search=BEACH", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(string.Empty);
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        // Sort: oldest first is the newest-first list turned round.
        var newestFirst = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        await page.GetByLabel("Sort", new() { Exact = true }).SelectOptionAsync("oldest");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", newestFirst[^1]);
        Assert.Equal(Enumerable.Reverse(newestFirst), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));

        // Status: only the failed one, still so after a reload, which reads the filters back from the hash.
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Failed");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-status", "Failed");
        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("Failed");
        await Assertions.Expect(page.GetByLabel("Sort", new() { Exact = true })).ToHaveValueAsync("oldest");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("meeting notes.mp4");
        await browser.ScreenshotAsync("videos-list-filtered");

        // Nothing matches: the list says what was asked for and offers everything again.
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("beach");
        await Assertions.Expect(page.Locator("#videos-empty")).ToHaveTextAsync("No video matches “beach” with the status Failed. Show all videos");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show all videos" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#videos-empty")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("videos-list-all");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task The_gallery_shows_every_frame_opens_one_large_downloads_it_and_the_links_copy()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 4);
        await page.GetByLabel("Seconds between frames").FillAsync("0.5");
        await UploadAsync(page, [(video, "Completed")]);

        await page.Locator("#videos li.video").GetByRole(AriaRole.Link, new() { Name = Path.GetFileName(video) }).ClickAsync();
        await Expect.Heading(page, Path.GetFileName(video));
        var frameCount = int.Parse(await Expect.TextAsync(page.Locator("#frame-count")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(frameCount > 1, $"{frameCount} frames");

        // One lazy thumbnail per frame, each one loaded.
        var thumbnails = page.Locator("#gallery img");
        await Assertions.Expect(thumbnails).ToHaveCountAsync(frameCount);
        Assert.All(await thumbnails.EvaluateAllAsync<string[]>("images => images.map(i => i.loading)"), loading => Assert.Equal("lazy", loading));
        await Assertions.Expect(page.Locator("#gallery-count")).ToHaveTextAsync(new Regex($"^{frameCount} of {frameCount} frames shown"));

        // The manifest's facts about the source.
        await Assertions.Expect(page.Locator("#source-facts dt")).ToHaveTextAsync(["Duration", "Codec", "Size", "Frame rate", "Rotation", "Strategy"]);
        await Assertions.Expect(page.Locator("#source-facts dd")).ToHaveTextAsync([new Regex("^00:0[34]\\."), new Regex("h264"), new Regex("^320 × 240$"), new Regex("^25 fps$"), new Regex("^0°$"), new Regex(".+")]);

        // The storyboard's tile is shown larger than the sprite's own tile.
        await page.Locator(".scrub .tile-stage").ScrollIntoViewIfNeededAsync();
        var stageWidth = await page.Locator(".scrub .tile-stage").EvaluateAsync<double>("s => s.getBoundingClientRect().width");
        var tileWidth = await page.Locator(".scrub .tile").EvaluateAsync<double>("t => t.offsetWidth");
        Assert.True(stageWidth >= tileWidth * 2, $"stage {stageWidth}px for a {tileWidth}px tile");

        // A frame opens large in a dialog; next and previous (buttons and arrow keys) move through the frames.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Open Frame 3 of {frameCount}, at ") }).ClickAsync();
        var dialog = page.Locator("dialog.frame-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("h2")).ToHaveTextAsync($"Frame 3 of {frameCount}, at 00:01.000");
        await page.WaitForFunctionAsync("() => document.querySelector('#frame-large').complete && document.querySelector('#frame-large').naturalWidth === 320");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("h2")).ToHaveTextAsync($"Frame 4 of {frameCount}, at 00:01.500");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(dialog.Locator("h2")).ToHaveTextAsync($"Frame 3 of {frameCount}, at 00:01.000");
        await page.WaitForFunctionAsync("() => document.querySelector('#frame-large').complete && document.querySelector('#frame-large').naturalWidth === 320");
        await browser.ScreenshotAsync("video-page-gallery", fullPage: false);

        // Downloading one frame gives that frame's file: a JPEG, by its bytes.
        var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download frame_000003_") }).ClickAsync());
        Assert.Matches(@"^frame_000003_.*\.jpg$", download.SuggestedFilename);
        var framePath = Path.Combine(fixture.App.DataDirectory, "downloaded-frame.jpg");
        await download.SaveAsAsync(framePath);
        var bytes = await File.ReadAllBytesAsync(framePath);
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);

        // Closing leaves focus on the thumbnail the frame was opened from.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#gallery button[data-index='2']")).ToBeFocusedAsync();

        // Copy links: the page's own address, then a working link to the zip.
        var copyPage = page.Locator("#copy-page-link");
        await copyPage.ClickAsync();
        await Assertions.Expect(copyPage).ToHaveTextAsync("Copied");
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var copyZip = page.Locator("#copy-zip-link");
        await copyZip.ClickAsync();
        await Assertions.Expect(copyZip).ToHaveTextAsync("Copied");
        var zipLink = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("http", zipLink, StringComparison.Ordinal);
        using (var anonymous = new HttpClient())
        {
            var zip = await anonymous.GetByteArrayAsync(new Uri(zipLink));
            Assert.Equal("PK"u8.ToArray(), zip[..2]);
        }

        await Assertions.Expect(copyPage).ToHaveTextAsync("Copy page link");
        Assert.Empty(browser.UnexpectedErrors());
    }
}
