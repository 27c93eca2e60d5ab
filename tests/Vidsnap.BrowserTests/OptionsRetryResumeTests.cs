using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>
/// The options form (every option, bounds from GET /api/limits), the whole request checked before any byte is sent,
/// retry with new options from its dialog, and an upload resumed after a reload with only its missing parts.
/// </summary>
public sealed partial class OptionsRetryResumeTests(SmallPartsBrowserFixture fixture) : IClassFixture<SmallPartsBrowserFixture>
{
    private const string PendingUploads = "() => JSON.parse(localStorage.getItem('vidsnap.pendingUploads') || '[]')";
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_option_set_in_the_form_reaches_the_create_request_with_the_videos_length_and_bounds_from_the_limits()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 3);

        // Bounds and defaults are the server's (this fixture's are not the defaults), not numbers copied into the page.
        var interval = page.GetByLabel("Seconds between frames");
        await Assertions.Expect(interval).ToHaveAttributeAsync("min", SmallPartsBrowserFixture.MinIntervalSeconds.ToString(CultureInfo.InvariantCulture));
        await page.GetByText("More options").ClickAsync();
        await Assertions.Expect(page.GetByLabel("At most this many frames")).ToHaveValueAsync(SmallPartsBrowserFixture.DefaultMaxFrames.ToString(CultureInfo.InvariantCulture));

        await page.GetByLabel("Pick frames").SelectOptionAsync("interval");
        await interval.FillAsync("0.5");
        await page.GetByLabel("Exact or fast").SelectOptionAsync("fast");
        await page.GetByLabel("Start at (seconds)").FillAsync("0.5");
        await page.GetByLabel("End at (seconds)").FillAsync("2.5");
        await page.GetByLabel("At most this many frames").FillAsync("50");
        await page.GetByLabel("Image format").SelectOptionAsync("webp");
        await page.GetByLabel("Image quality").FillAsync("70");
        await page.GetByLabel("Max width (px)").FillAsync("160");
        await page.GetByLabel("Max height (px)").FillAsync("120");
        var first = await UploadAndCaptureAsync(page, video);
        Assert.Equal("pattern-3s-320x240-25.mp4", first.GetProperty("fileName").GetString());
        Assert.Equal("video/mp4", first.GetProperty("contentType").GetString());
        Assert.Equal(new FileInfo(video).Length, first.GetProperty("sizeBytes").GetInt64());
        Assert.InRange(first.GetProperty("durationSeconds").GetDouble(), 2.9, 3.1);
        AssertOptions(first, """{"mode":"interval","intervalSeconds":0.5,"precision":"fast","start":0.5,"end":2.5,"maxFrames":50,"format":"webp","quality":70,"width":160,"height":120}""");

        // Fields that do not apply to a mode or format are left out: quality for PNG, precision for scene and keyframes.
        await page.GetByLabel("Pick frames").SelectOptionAsync("count");
        await page.GetByLabel("Number of frames").FillAsync("4");
        await page.GetByLabel("Exact or fast").SelectOptionAsync("exact");
        await page.GetByLabel("Image format").SelectOptionAsync("png");
        AssertOptions(await UploadAndCaptureAsync(page, video),
            """{"mode":"count","count":4,"precision":"exact","start":0.5,"end":2.5,"maxFrames":50,"format":"png","width":160,"height":120}""");

        await page.GetByLabel("Pick frames").SelectOptionAsync("timestamps");
        await page.GetByLabel("Moments, in seconds").FillAsync("0.5, 1 2.25");
        await page.GetByLabel("Image format").SelectOptionAsync("jpeg");
        await page.GetByLabel("Max width (px)").FillAsync(string.Empty);
        await page.GetByLabel("Max height (px)").FillAsync(string.Empty);
        AssertOptions(await UploadAndCaptureAsync(page, video),
            """{"mode":"timestamps","timestamps":[0.5,1,2.25],"precision":"exact","start":0.5,"end":2.5,"maxFrames":50,"format":"jpeg","quality":70}""");

        await page.GetByLabel("Pick frames").SelectOptionAsync("scene");
        await page.GetByLabel("How different a scene must be").FillAsync("0.4");
        await page.GetByLabel("Start at (seconds)").FillAsync(string.Empty);
        await page.GetByLabel("End at (seconds)").FillAsync(string.Empty);
        AssertOptions(await UploadAndCaptureAsync(page, video), """{"mode":"scene","threshold":0.4,"maxFrames":50,"format":"jpeg","quality":70}""");

        await page.GetByLabel("Pick frames").SelectOptionAsync("keyframes");
        AssertOptions(await UploadAndCaptureAsync(page, video), """{"mode":"keyframes","maxFrames":50,"format":"jpeg","quality":70}""");
        await browser.ScreenshotAsync("upload-options");

        // The API took each of them: five videos, none refused, every one handed over to the list.
        await Assertions.Expect(page.Locator("li.upload")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#videos li.video")).ToHaveCountAsync(5);
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Options_the_video_cannot_meet_are_refused_next_to_their_field_before_any_byte_is_sent()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var puts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT")
            {
                Interlocked.Increment(ref puts);
            }
        };
        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 3);

        await page.GetByLabel("Pick frames").SelectOptionAsync("count");
        await page.GetByLabel("Number of frames").FillAsync("2000");
        var request = await UploadAndCaptureAsync(page, video);
        Assert.Equal(2000, request.GetProperty("options").GetProperty("count").GetInt32());
        var count = page.GetByLabel("Number of frames");
        await Assertions.Expect(page.Locator("#opt-count-error")).ToContainTextAsync("2 000 frames is more than the limit of 900");
        await Assertions.Expect(count).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(count).ToBeFocusedAsync();
        var row = page.Locator("li.upload").Filter(new() { HasText = "pattern-3s-320x240-25.mp4" });
        await Assertions.Expect(row.GetByRole(AriaRole.Alert)).ToContainTextAsync("nothing was sent");
        await browser.ScreenshotAsync("upload-options-refused");

        // Too small an interval for this video's length: only the length the page read from the file can tell.
        await row.GetByRole(AriaRole.Button, new() { Name = "Dismiss pattern-3s-320x240-25.mp4" }).ClickAsync();
        await page.GetByLabel("Pick frames").SelectOptionAsync("interval");
        await page.GetByLabel("Seconds between frames").FillAsync("0.1");
        await page.GetByText("More options").ClickAsync();
        await page.GetByLabel("At most this many frames").FillAsync("10");
        request = await UploadAndCaptureAsync(page, video);
        Assert.InRange(request.GetProperty("durationSeconds").GetDouble(), 2.9, 3.1);
        await Assertions.Expect(page.Locator("#opt-intervalSeconds-error")).ToContainTextAsync(new Regex(@"makes 3\d frames, more than the limit of 10 "));
        await Assertions.Expect(page.Locator("#opt-count-error")).ToHaveCountAsync(0);

        Assert.Equal(0, Volatile.Read(ref puts));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => import('/api.js').then(api => api.videos.list(50)).then(p => p.items.length)"));
        await Assertions.Expect(page.Locator("#videos li.video")).ToHaveCountAsync(0);
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Retry_opens_the_options_prefilled_and_runs_attempt_2_with_the_new_ones()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await browser.SignUpAsync();

        // A Matroska file's length is not read by the page, so an interval giving too many frames fails in the worker.
        var video = await MatroskaVideoAsync();
        await page.GetByLabel("Pick frames").SelectOptionAsync("interval");
        await page.GetByLabel("Seconds between frames").FillAsync("0.1");
        await page.GetByText("More options").ClickAsync();
        await page.GetByLabel("At most this many frames").FillAsync("5");
        var created = await UploadAndCaptureAsync(page, video);
        Assert.False(created.TryGetProperty("durationSeconds", out _));
        var row = page.Locator("#videos li.video").Filter(new() { HasText = "pattern-10s.mkv" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = (float)Processing.TotalMilliseconds });
        await row.GetByRole(AriaRole.Link, new() { Name = "pattern-10s.mkv" }).ClickAsync();
        await Expect.Heading(page, "pattern-10s.mkv");
        await Assertions.Expect(page.Locator("#attempt")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Run pattern-10s.mkv again" });
        await Assertions.Expect(dialog.GetByLabel("Pick frames")).ToHaveValueAsync("interval");
        await Assertions.Expect(dialog.GetByLabel("Seconds between frames")).ToHaveValueAsync("0.1");
        await dialog.GetByText("More options").ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("At most this many frames")).ToHaveValueAsync("5");

        // A refusal shows by its field in the dialog, which stays open.
        await dialog.GetByLabel("Pick frames").SelectOptionAsync("count");
        await dialog.GetByLabel("Number of frames").FillAsync("20");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start attempt 2" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#retry-opt-count-error")).ToContainTextAsync("20 frames is more than the limit of 5");
        await browser.ScreenshotAsync("retry-dialog");

        await dialog.GetByLabel("Number of frames").FillAsync("3");
        var retry = await page.RunAndWaitForRequestAsync(
            () => dialog.GetByRole(AriaRole.Button, new() { Name = "Start attempt 2" }).ClickAsync(),
            r => r.Method == "POST" && r.Url.EndsWith("/retry", StringComparison.Ordinal));
        var options = JsonDocument.Parse(retry.PostData!).RootElement.GetProperty("options");
        Assert.Equal("count", options.GetProperty("mode").GetString());
        Assert.Equal(3, options.GetProperty("count").GetInt32());
        Assert.Equal(5, options.GetProperty("maxFrames").GetInt32());
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await Assertions.Expect(page.Locator("#frame-count")).ToHaveTextAsync("3", new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#attempt")).ToHaveTextAsync("Attempt 2");
        await Assertions.Expect(page.Locator("#video-error")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("retry-attempt-2");

        // A completed video runs again too, for a choice that turned out wrong: no new upload, attempt 3, new frames.
        await page.GetByRole(AriaRole.Button, new() { Name = "Run again with other options" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Number of frames")).ToHaveValueAsync("3");
        await dialog.GetByLabel("Number of frames").FillAsync("2");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start attempt 3" }).ClickAsync();
        await Assertions.Expect(page.Locator("#attempt")).ToHaveTextAsync("Attempt 3", new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#frame-count")).ToHaveTextAsync("2", new() { Timeout = (float)Processing.TotalMilliseconds });
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task After_a_reload_mid_upload_the_list_offers_to_resume_and_only_the_missing_parts_are_sent()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var video = await TestVideos.PatternAsync(seconds: 20, width: 640, height: 360);
        var fileName = Path.GetFileName(video);
        var size = new FileInfo(video).Length;
        var partCount = (int)((size + SmallPartsBrowserFixture.PartBytes - 1) / SmallPartsBrowserFixture.PartBytes);
        Assert.True(partCount >= 5, $"The test video has {size} bytes: too few parts.");

        // Parts 1 and 2 go through; the others are held until the page is gone, as a slow connection would.
        var release = new TaskCompletionSource();
        var stored = new ConcurrentBag<int>();
        var resumed = new ConcurrentBag<int>();
        var reloaded = false;
        await page.RouteAsync(url => PartOf(url) > 0, async route =>
        {
            var part = PartOf(route.Request.Url);
            if (!Volatile.Read(ref reloaded) && part > 2)
            {
                await release.Task;
                try
                {
                    await route.AbortAsync();
                }
                catch (PlaywrightException)
                {
                    // The reload cancelled the request already.
                }

                return;
            }

            await route.ContinueAsync();
        });
        var twoStored = new TaskCompletionSource();
        page.Response += (_, response) =>
        {
            var part = PartOf(response.Url);
            if (response.Request.Method == "PUT" && part > 0 && response.Status == 200 && !Volatile.Read(ref reloaded))
            {
                stored.Add(part);
                if (stored.Count == 2)
                {
                    twoStored.TrySetResult();
                }
            }
        };
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && PartOf(request.Url) is > 0 and var part && Volatile.Read(ref reloaded))
            {
                resumed.Add(part);
            }
        };
        await browser.SignUpAsync();

        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await twoStored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pending = (await page.EvaluateAsync<JsonElement>(PendingUploads)).EnumerateArray().Single();
        Assert.Equal(fileName, pending.GetProperty("fileName").GetString());
        Assert.Equal(size, pending.GetProperty("size").GetInt64());
        Assert.Equal(SmallPartsBrowserFixture.PartBytes, pending.GetProperty("partSize").GetInt64());
        Assert.True(pending.GetProperty("lastModified").GetInt64() > 0);
        var videoId = pending.GetProperty("videoId").GetString();

        // The page warns before it is left mid-upload; the person leaves anyway.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        Volatile.Write(ref reloaded, true);
        await page.ReloadAsync();
        release.TrySetResult();
        await Expect.Heading(page, "My videos");

        var offer = page.Locator("li.upload.resumable");
        await Assertions.Expect(offer).ToContainTextAsync($"Resume upload of {fileName}");
        await Assertions.Expect(page.Locator($"#videos li.video[data-id='{videoId}']")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("resume-offer");

        // Another file is refused; the same file resumes.
        var other = await TestVideos.PatternAsync(seconds: 3);
        var resume = page.GetByRole(AriaRole.Button, new() { Name = $"Resume upload of {fileName}" });
        var chooser = await page.RunAndWaitForFileChooserAsync(() => resume.ClickAsync());
        await chooser.SetFilesAsync(other);
        await Assertions.Expect(offer.GetByRole(AriaRole.Alert)).ToContainTextAsync("That is not the same file");
        Assert.Empty(resumed);
        chooser = await page.RunAndWaitForFileChooserAsync(() => resume.ClickAsync());
        await chooser.SetFilesAsync(video);

        var row = page.Locator($"#videos li.video[data-id='{videoId}']");
        await Assertions.Expect(page.Locator("li.upload")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        await Assertions.Expect(row.Locator(".frames")).ToHaveTextAsync("20 frames");
        Assert.Equal(new[] { 1, 2 }, stored.Order());
        Assert.Equal(Enumerable.Range(3, partCount - 2), resumed.Order());
        Assert.Equal(0, (await page.EvaluateAsync<JsonElement>(PendingUploads)).GetArrayLength());
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_part_that_fails_leaves_the_upload_resumable_in_the_same_page()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var video = await TestVideos.PatternAsync(seconds: 10, width: 640, height: 360);
        var fileName = Path.GetFileName(video);
        var failed = 0;
        var stored = new ConcurrentQueue<int>();
        await page.RouteAsync(url => PartOf(url) > 0, async route =>
        {
            // The connection drops once, during part 2.
            if (PartOf(route.Request.Url) == 2 && Interlocked.Exchange(ref failed, 1) == 0)
            {
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "PUT" && PartOf(response.Url) is > 0 and var part && response.Status == 200)
            {
                stored.Enqueue(part);
            }
        };
        await browser.SignUpAsync();
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        var upload = page.Locator($"li.upload[data-file='{fileName}']");
        await Assertions.Expect(upload.GetByRole(AriaRole.Alert)).ToContainTextAsync("connection to the storage server failed");
        Assert.DoesNotContain(2, stored);
        await upload.GetByRole(AriaRole.Button, new() { Name = $"Resume upload of {fileName}" }).ClickAsync();
        var row = page.Locator("#videos li.video").Filter(new() { HasText = fileName });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });

        // Each part was stored exactly once: the ones stored before the failure were not sent again.
        var parts = (int)((new FileInfo(video).Length + SmallPartsBrowserFixture.PartBytes - 1) / SmallPartsBrowserFixture.PartBytes);
        Assert.Equal(Enumerable.Range(1, parts), stored.Order());
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_small_upload_cut_short_is_resumed_by_sending_the_whole_file_again()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var video = await TestVideos.PatternAsync(seconds: 3);
        Assert.True(new FileInfo(video).Length <= SmallPartsBrowserFixture.PartBytes, "The test video is too big for a single upload.");
        var release = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var reloaded = false;
        var sentAfterReload = 0;
        // The embedded store's upload URLs carry the method they are signed for.
        await page.RouteAsync(url => url.Contains("method=PUT", StringComparison.Ordinal), async route =>
        {
            if (route.Request.Method != "PUT" || Volatile.Read(ref reloaded))
            {
                await route.ContinueAsync();
                return;
            }

            held.TrySetResult();
            await release.Task;
            try
            {
                await route.AbortAsync();
            }
            catch (PlaywrightException)
            {
                // The reload cancelled the request already.
            }
        });
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && Volatile.Read(ref reloaded))
            {
                Interlocked.Increment(ref sentAfterReload);
            }
        };
        await browser.SignUpAsync();
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pending = (await page.EvaluateAsync<JsonElement>(PendingUploads)).EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("partSize").ValueKind);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        Volatile.Write(ref reloaded, true);
        await page.ReloadAsync();
        release.TrySetResult();
        await Expect.Heading(page, "My videos");

        var fileName = Path.GetFileName(video);
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = $"Resume upload of {fileName}" }).ClickAsync());
        await chooser.SetFilesAsync(video);
        var row = page.Locator("#videos li.video").Filter(new() { HasText = fileName });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Processing.TotalMilliseconds });
        Assert.Equal(1, Volatile.Read(ref sentAfterReload));
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Discard_deletes_the_video_an_unfinished_upload_left()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var video = await TestVideos.PatternAsync(seconds: 10, width: 640, height: 360);
        var release = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        await page.RouteAsync(url => PartOf(url) > 0, async route =>
        {
            held.TrySetResult();
            await release.Task;
            try
            {
                await route.AbortAsync();
            }
            catch (PlaywrightException)
            {
                // The reload cancelled the request already.
            }
        });
        await browser.SignUpAsync();
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ReloadAsync();
        release.TrySetResult();
        await Expect.Heading(page, "My videos");

        var fileName = Path.GetFileName(video);
        await Assertions.Expect(page.Locator("li.upload.resumable")).ToContainTextAsync($"Resume upload of {fileName}");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => import('/api.js').then(api => api.videos.list(50)).then(p => p.items.length)"));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Discard upload of {fileName}" }).ClickAsync();

        await Assertions.Expect(page.Locator("li.upload")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => import('/api.js').then(api => api.videos.list(50)).then(p => p.items.length)"));
        Assert.Equal(0, (await page.EvaluateAsync<JsonElement>(PendingUploads)).GetArrayLength());
        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(page.GetByText("No videos yet. Upload one above.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.upload")).ToHaveCountAsync(0);
        Assert.Empty(browser.UnexpectedErrors());
    }

    /// <summary>10 s of test pattern in Matroska, whose length the page does not read (it reads MP4 and MOV headers).</summary>
    private static async Task<string> MatroskaVideoAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "vidsnap-browser-mkv", "pattern-10s.mkv");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var ffmpeg = System.Diagnostics.Process.Start("ffmpeg",
            ["-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc=duration=10:size=320x240:rate=25", "-pix_fmt", "yuv420p",
             "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska", "-y", path + ".tmp"]);
        await ffmpeg.WaitForExitAsync();
        Assert.Equal(0, ffmpeg.ExitCode);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>Chooses the file, uploads it and answers the JSON of the create request it made.</summary>
    private static async Task<JsonElement> UploadAndCaptureAsync(IPage page, string video)
    {
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync(),
            r => r.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/videos");
        return JsonDocument.Parse(request.PostData!).RootElement.Clone();
    }

    /// <summary>The request's options are exactly these: each field set in the form, and nothing else.</summary>
    private static void AssertOptions(JsonElement request, string expected)
    {
        var actual = request.GetProperty("options");
        var wanted = JsonDocument.Parse(expected).RootElement;
        Assert.Equal(
            wanted.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var property in wanted.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(property.Value, actual.GetProperty(property.Name)), $"{property.Name}: {actual.GetProperty(property.Name)}, not {property.Value}");
        }
    }

    /// <summary>The part number of an upload URL of the embedded store (its signed "part" parameter); 0 for others.</summary>
    private static int PartOf(string url) => PartParameter().Match(url) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"[?&]part=(\d+)")]
    private static partial Regex PartParameter();
}
