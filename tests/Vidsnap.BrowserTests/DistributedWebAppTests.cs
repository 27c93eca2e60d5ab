using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>The web app against the production shape: uploads and images on the S3 server's origin, big files in parts.</summary>
public sealed class DistributedWebAppTests(DistributedBrowserFixture fixture) : IClassFixture<DistributedBrowserFixture>
{
    [Fact]
    public async Task A_big_video_goes_to_s3_in_parts_from_the_browser_and_its_page_and_zip_come_from_s3()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var partUploads = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && request.Url.Contains("partNumber=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref partUploads);
            }
        };
        await browser.SignUpAsync();
        var video = await LosslessVideoAsync();
        var size = new FileInfo(video).Length;
        Assert.True(size > 2 * DistributedBrowserFixture.PartBytes, $"The test video has {size} bytes: too small for three parts.");

        await page.GetByLabel("Pick frames").SelectOptionAsync("count");
        await page.GetByLabel("Number of frames").FillAsync("6");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        var upload = page.Locator("li.upload[data-file='lossless-8s.mp4']");
        await Assertions.Expect(upload).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        Assert.Equal(3, partUploads);
        var row = page.Locator("#videos li.video").Filter(new() { HasText = "lossless-8s.mp4" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });
        await Assertions.Expect(row.Locator(".frames")).ToHaveTextAsync("6 frames");

        await row.GetByRole(AriaRole.Link, new() { Name = "lossless-8s.mp4" }).ClickAsync();
        await Expect.Heading(page, "lossless-8s.mp4");
        await page.WaitForFunctionAsync("() => document.querySelector('#poster')?.naturalWidth > 0 && document.querySelector('#contact-sheet')?.naturalWidth > 0");
        // The poster comes from the S3 server's origin, which the CSP allows; the gateway never carried it.
        Assert.DoesNotContain(fixture.Stack.Gateway.Authority, await page.Locator("#poster").GetAttributeAsync("src") ?? string.Empty, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".scrub .tile")).ToHaveAttributeAsync("aria-label", new Regex("^Frame of lossless-8s.mp4 at "));
        await browser.ScreenshotAsync("distributed-video-page");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download").ClickAsync());
        var zipPath = Path.Combine(fixture.Stack.DataDirectory, "downloaded.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(6, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        }

        Assert.Empty(browser.UnexpectedErrors());
    }

    /// <summary>Lossless H.264, so a few seconds make a file big enough for several parts.</summary>
    private static async Task<string> LosslessVideoAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "vidsnap-browser-lossless-8s", "lossless-8s.mp4");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var ffmpeg = Process.Start("ffmpeg",
            ["-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc2=duration=8:size=1280x720:rate=25", "-pix_fmt", "yuv420p",
             "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-y", path + ".tmp.mp4"]);
        await ffmpeg.WaitForExitAsync();
        Assert.Equal(0, ffmpeg.ExitCode);
        File.Move(path + ".tmp.mp4", path, overwrite: true);
        return path;
    }
}
