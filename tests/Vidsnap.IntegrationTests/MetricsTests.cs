using Vidsnap.Testing;
using static Vidsnap.Testing.MetricsScrape;

namespace Vidsnap.IntegrationTests;

/// <summary>/metrics as Prometheus scrapes it, on the management port: the counters move when videos finish.</summary>
public sealed class MetricsTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Metrics_count_videos_by_outcome_time_them_and_count_ffmpeg_failures()
    {
        using var user = await app.SignedInAsync();
        using var scraper = app.ManagementClient();
        var before = await ScrapeAsync(scraper);

        var good = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 4), new { mode = "interval", intervalSeconds = 1 });
        var bad = Path.Combine(app.DataDirectory, "not-a-video.mp4");
        await File.WriteAllTextAsync(bad, "this is not a video at all, only text");
        var broken = await user.SubmitAsync(bad);
        await user.WaitForStatusAsync(good, "Completed");
        await user.WaitForStatusAsync(broken, "Failed");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string after;
        while (true)
        {
            // The exporter caches a scrape briefly; the counters are recorded just after the terminal event is sent.
            after = await ScrapeAsync(scraper);
            if (Sum(after, "vidsnap_videos_total", "outcome=\"completed\"") > Sum(before, "vidsnap_videos_total", "outcome=\"completed\"")
                && Sum(after, "vidsnap_videos_total", "outcome=\"failed\"") > Sum(before, "vidsnap_videos_total", "outcome=\"failed\""))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The video counters did not move:\n{after}");
            await Task.Delay(300);
        }

        Assert.True(Sum(after, "vidsnap_ffmpeg_failures_total") > Sum(before, "vidsnap_ffmpeg_failures_total"), after);
        Assert.True(Sum(after, "vidsnap_video_processing_duration_seconds_count") > Sum(before, "vidsnap_video_processing_duration_seconds_count"), after);
        Assert.True(Sum(after, "vidsnap_video_extraction_rate_per_second_count") > Sum(before, "vidsnap_video_extraction_rate_per_second_count"), after);
        Assert.True(Sum(after, "vidsnap_queue_age_seconds_count", "queue=\"video-jobs\"") > Sum(before, "vidsnap_queue_age_seconds_count", "queue=\"video-jobs\""), after);
    }
}
