using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Segments;

/// <summary>Every queue delivers at least once: a segment or a join delivered twice, early or late, changes nothing.</summary>
public sealed class DuplicateSegmentTests(SplitAppFixture fixture) : IClassFixture<SplitAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Segments_and_joins_delivered_twice_still_give_one_zip_one_completion_and_one_email()
    {
        using var user = await app.SignedInAsync();
        var id = await user.SubmitAsync(await TestVideos.KeyframedAsync(seconds: 60, keyframeSeconds: 2), new { mode = "interval", intervalSeconds = 1 });
        Video? video = null;
        await Eventually.TrueAsync(async () => (video = await SplitAsync(Guid.Parse(id))) is not null, TimeSpan.FromSeconds(60), "the video was never split");
        var publisher = app.Services.GetRequiredService<MessagePublisher>();

        // While it runs: every segment again, and a join before the segments are all stored.
        foreach (var segment in video!.Segments)
        {
            await publisher.PublishAsync(Job(video, VideoJobStage.Segment, segment.Segment), CancellationToken.None);
        }

        await publisher.PublishAsync(Job(video, VideoJobStage.Join, null), CancellationToken.None);
        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(120));
        var zip = await user.DownloadZipAsync(id);

        // After it completed: two more joiners and a late segment.
        await publisher.PublishAsync(Job(video, VideoJobStage.Join, null), CancellationToken.None);
        await publisher.PublishAsync(Job(video, VideoJobStage.Join, null), CancellationToken.None);
        await publisher.PublishAsync(Job(video, VideoJobStage.Segment, video.Segments[1].Segment), CancellationToken.None);
        // The late segment ran once its record is back (the join had removed them all); the joiners ran before it or beside it.
        await Eventually.TrueAsync(async () => (await app.ListObjectsAsync(ObjectKeys.SegmentsFolder(video.UserId, video.Id))).Count > 0, TimeSpan.FromSeconds(60),
            "the late segment never ran");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var after = await user.GetVideoAsync(id);
        Assert.Equal(60, after["frameCount"]!.GetValue<int>());
        Assert.Single(after["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");
        Assert.Equal(done["updatedAt"]!.GetValue<DateTimeOffset>(), after["updatedAt"]!.GetValue<DateTimeOffset>());
        // A joiner that ran after the first wrote the same zip again (its entries' dates aside).
        Assert.Equal(Contents(zip), Contents(await user.DownloadZipAsync(id)));
        var frames = Contents(zip).Where(e => e.Name.StartsWith("frame_", StringComparison.Ordinal)).Select(e => e.Name).ToList();
        Assert.Equal(60, frames.Count);
        Assert.Equal(frames.Order(StringComparer.Ordinal), frames);

        // The store holds the manifest's frames and nothing more.
        var stored = await app.ListObjectsAsync(ObjectKeys.FramesFolder(video.UserId, video.Id));
        Assert.Equal(60, stored.Count);
        await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml"));
    }

    [Fact]
    public async Task A_segment_delivered_again_after_it_stored_reports_its_record_and_decodes_nothing()
    {
        using var user = await app.SignedInAsync();
        using var scraper = app.ManagementClient();
        var id = await user.SubmitAsync(await TestVideos.KeyframedAsync(seconds: 60, keyframeSeconds: 2), new { mode = "interval", intervalSeconds = 1 });
        Video? video = null;
        await Eventually.TrueAsync(async () => (video = await SplitAsync(Guid.Parse(id))) is not null, TimeSpan.FromSeconds(60), "the video was never split");
        await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(120));

        // After the join removed the records, a late segment decodes again and leaves its record; once it has,
        // the same segment once more finds the record and only reports it.
        var segment = video!.Segments[0].Segment;
        var publisher = app.Services.GetRequiredService<MessagePublisher>();
        await publisher.PublishAsync(Job(video, VideoJobStage.Segment, segment), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await app.ListObjectsAsync(ObjectKeys.SegmentsFolder(video.UserId, video.Id))).Count > 0, TimeSpan.FromSeconds(60),
            "the late segment never ran");
        var before = MetricsScrape.Sum(await MetricsScrape.ScrapeAsync(scraper), "vidsnap_segments_total", "outcome=\"already_stored\"");
        await publisher.PublishAsync(Job(video, VideoJobStage.Segment, segment), CancellationToken.None);
        await Eventually.TrueAsync(
            async () => MetricsScrape.Sum(await MetricsScrape.ScrapeAsync(scraper), "vidsnap_segments_total", "outcome=\"already_stored\"") > before,
            TimeSpan.FromSeconds(30), "the segment delivered again was not reported from its record");
        Assert.Equal(60, (await user.GetVideoAsync(id))["frameCount"]!.GetValue<int>());
    }

    private static List<(string Name, long Length, uint Crc)> Contents(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return [.. archive.Entries.Select(e => (e.FullName, e.Length, e.Crc32))];
    }

    private static VideoJob Job(Video video, VideoJobStage stage, VideoSegment? segment) =>
        new(Guid.NewGuid(), video.Id, video.UserId, video.Attempt, video.SourceKey, video.OutputKey, video.Options, video.SizeBytes, stage, segment, video.Segments.Count);

    private async Task<Video?> SplitAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var video = await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Videos().AsNoTracking().SingleAsync(v => v.Id == id);
        return video.Segments.Count > 0 ? video : null;
    }
}
