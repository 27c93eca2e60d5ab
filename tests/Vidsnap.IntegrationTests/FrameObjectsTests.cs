using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Each frame and its thumbnail stored on its own beside the zip, listed by GET /api/videos/{id}/frames; the
/// poster at list size on every completed video resource; the zip downloaded under the upload's own name.
/// </summary>
public sealed class FrameObjectsTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task The_frames_route_lists_every_frame_of_the_zip_with_fetchable_frames_and_thumbnails_to_its_owner_only()
    {
        using var owner = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 4), new { mode = "interval", intervalSeconds = 0.5 });
        await owner.WaitForStatusAsync(id, "Completed");
        using var zip = new ZipArchive(new MemoryStream(await owner.DownloadZipAsync(id)));
        var manifest = JsonNode.Parse(await ReadAsync(zip.GetEntry("manifest.json")!))!;
        var listed = manifest["frames"]!.AsArray();
        Assert.Equal(8, listed.Count);

        using var response = await owner.Http.GetAsync($"/api/videos/{id}/frames?limit=1000");
        var page = await ApiClient.Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, page.ToJsonString());
        Assert.Equal(listed.Count, page["total"]!.GetValue<int>());
        Assert.Equal(0, page["offset"]!.GetValue<int>());
        Assert.Equal("FpsFilterDecode", page["strategy"]!.GetValue<string>());
        Assert.Equal("h264", page["source"]!["codec"]!.GetValue<string>());
        Assert.Equal(320, page["source"]!["width"]!.GetValue<int>());
        Assert.Equal(4, page["source"]!["durationSeconds"]!.GetValue<double>(), 1);
        Assert.True(page["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(1));
        var frames = page["frames"]!.AsArray();
        Assert.Equal(listed.Count, frames.Count);
        using var anonymous = new HttpClient();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i]!;
            var expected = listed[i]!;
            Assert.Equal(i, frame["index"]!.GetValue<int>());
            Assert.Equal(expected["file"]!.GetValue<string>(), frame["file"]!.GetValue<string>());
            Assert.Equal(expected["timestamp"]!.GetValue<double>(), frame["timestampSeconds"]!.GetValue<double>());
            Assert.Equal(expected["width"]!.GetValue<int>(), frame["width"]!.GetValue<int>());
            Assert.Equal(expected["height"]!.GetValue<int>(), frame["height"]!.GetValue<int>());
            Assert.Equal(expected["bytes"]!.GetValue<long>(), frame["bytes"]!.GetValue<long>());

            using var full = await anonymous.GetAsync(frame["url"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal("image/jpeg", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal(expected["file"]!.GetValue<string>(), full.Content.Headers.ContentDisposition?.FileNameStar ?? full.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var entry = zip.GetEntry(expected["file"]!.GetValue<string>())!;
            Assert.Equal(await ReadBytesAsync(entry), await full.Content.ReadAsByteArrayAsync());

            var thumbnail = await anonymous.GetByteArrayAsync(frame["thumbnailUrl"]!.GetValue<string>());
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, thumbnail[..3]);
            var (width, _) = ImageSize.Read(thumbnail);
            Assert.True(width <= 320, $"thumbnail {width} px wide");
        }

        // Timestamps are the manifest's: one every half second from 0.
        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], frames.Select(f => f!["timestampSeconds"]!.GetValue<double>()));

        var second = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/frames?offset=3&limit=2"));
        Assert.Equal(8, second["total"]!.GetValue<int>());
        Assert.Equal(3, second["offset"]!.GetValue<int>());
        Assert.Equal([3, 4], second["frames"]!.AsArray().Select(f => f!["index"]!.GetValue<int>()));
        Assert.Equal(frames[3]!["file"]!.GetValue<string>(), second["frames"]![0]!["file"]!.GetValue<string>());
        var defaults = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/frames"));
        Assert.Equal(8, defaults["frames"]!.AsArray().Count);
        var past = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/frames?offset=8"));
        Assert.Empty(past["frames"]!.AsArray());
        Assert.Equal(8, past["total"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/videos/{id}/frames")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/videos/{Guid.NewGuid()}/frames")).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task A_page_out_of_range_is_a_validation_problem_in_words(string query, string field)
    {
        using var owner = await app.SignedInAsync();
        var created = await owner.CreateVideoAsync("clip.mp4", 1000);
        using var response = await owner.Http.GetAsync($"/api/videos/{created["id"]!.GetValue<string>()}/frames?{query}");
        var problem = await ApiClient.Json(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotContain(field + ":", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_it_is_completed_a_video_has_no_frames_and_no_poster_url_then_a_loadable_small_poster()
    {
        using var owner = await app.SignedInAsync();
        var waiting = await owner.CreateVideoAsync("waiting.mp4", 1000);
        var waitingId = waiting["id"]!.GetValue<string>();
        using (var early = await owner.Http.GetAsync($"/api/videos/{waitingId}/frames"))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("AwaitingUpload", (await ApiClient.Json(early))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var before = await owner.GetVideoAsync(waitingId);
        Assert.True(before.AsObject().ContainsKey("posterUrl"), before.ToJsonString());
        Assert.Null(before["posterUrl"]);

        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 3, width: 640, height: 360), new { mode = "interval", intervalSeconds = 1 });
        var done = await owner.WaitForStatusAsync(id, "Completed");
        var posterUrl = done["posterUrl"]!.GetValue<string>();
        using var anonymous = new HttpClient();
        var poster = await anonymous.GetByteArrayAsync(posterUrl);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, poster[..3]);
        Assert.Equal((320, 180), ImageSize.Read(poster));

        // The poster at list size is one of the frames' own thumbnails.
        var frames = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/frames"));
        var thumbnails = new List<byte[]>();
        foreach (var frame in frames["frames"]!.AsArray())
        {
            thumbnails.Add(await anonymous.GetByteArrayAsync(frame!["thumbnailUrl"]!.GetValue<string>()));
        }

        Assert.Contains(thumbnails, t => t.AsSpan().SequenceEqual(poster));

        var list = await ApiClient.Json(await owner.Http.GetAsync("/api/videos"));
        var items = list["items"]!.AsArray();
        var completed = items.Single(v => v!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(poster, await anonymous.GetByteArrayAsync(completed["posterUrl"]!.GetValue<string>()));
        Assert.Null(items.Single(v => v!["id"]!.GetValue<string>() == waitingId)!["posterUrl"]);
    }

    [Fact]
    public async Task A_job_run_again_with_other_options_leaves_only_the_frames_its_manifest_lists()
    {
        using var owner = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 4), new { mode = "interval", intervalSeconds = 0.5 });
        await owner.WaitForStatusAsync(id, "Completed");
        Domain.Videos.Video video;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            video = await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Videos().AsNoTracking().SingleAsync(v => v.Id == Guid.Parse(id));
        }

        Assert.Equal(8, (await app.ListObjectsAsync(ObjectKeys.FramesFolder(video.UserId, video.Id))).Count);
        Assert.Equal(8, (await app.ListObjectsAsync(ObjectKeys.ThumbnailsFolder(video.UserId, video.Id))).Count);

        // The same video run again, as a retry with new options would: fewer frames, in another format.
        var handler = ActivatorUtilities.CreateInstance<VideoJobHandler>(app.Services);
        var options = new ExtractionOptions { IntervalSeconds = 2, Format = ExtractionOptions.Png, MaxFrames = 1000 };
        await handler.HandleAsync(new VideoJob(Guid.NewGuid(), video.Id, video.UserId, video.Attempt, video.SourceKey, video.OutputKey, options, video.SizeBytes),
            new DeliveryContext(1, 5), CancellationToken.None);

        var page = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/frames"));
        var files = page["frames"]!.AsArray().Select(f => f!["file"]!.GetValue<string>()).ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.EndsWith(".png", f, StringComparison.Ordinal));
        var stored = await app.ListObjectsAsync(ObjectKeys.FramesFolder(video.UserId, video.Id));
        Assert.Equal(files.Select(f => ObjectKeys.Frame(video.UserId, video.Id, f)).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var thumbnails = await app.ListObjectsAsync(ObjectKeys.ThumbnailsFolder(video.UserId, video.Id));
        Assert.Equal(files.Select(f => ObjectKeys.FrameThumbnail(video.UserId, video.Id, f)).Order(StringComparer.Ordinal), thumbnails.Order(StringComparer.Ordinal));
        using var anonymous = new HttpClient();
        using var frame = await anonymous.GetAsync(page["frames"]![1]!["url"]!.GetValue<string>());
        Assert.Equal("image/png", frame.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await frame.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task The_zip_downloads_under_the_uploads_own_name_in_any_script_with_an_ascii_fallback()
    {
        using var owner = await app.SignedInAsync();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 1));
        var names = new Dictionary<string, string>
        {
            ["férias 2024 🎉.mp4"] = "férias 2024 🎉-frames.zip",
            ["日本語の動画.mov"] = "日本語の動画-frames.zip",
            ["we\"ird:na|me\u202Egpj.mp4"] = "we_ird_na_megpj-frames.zip",
        };
        foreach (var (upload, expected) in names)
        {
            var created = await owner.CreateVideoAsync(upload, bytes.Length, new { mode = "count", count = 1 });
            using (var sent = await owner.UploadAsync(created, bytes))
            {
                Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            }

            var id = created["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.Accepted, (await owner.CompleteAsync(id)).StatusCode);
            await owner.WaitForStatusAsync(id, "Completed");
            var link = await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/download"));
            using var anonymous = new HttpClient();
            using var zip = await anonymous.GetAsync(link["url"]!.GetValue<string>(), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
            var disposition = zip.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            // A browser takes filename* (RFC 6266) when it is there: the name as uploaded.
            Assert.Equal(expected, disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
            Assert.All(disposition.FileName!, c => Assert.True(c is >= ' ' and <= '~', $"non-ASCII fallback {disposition.FileName}"));
        }
    }

    private static async Task<string> ReadAsync(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(await entry.OpenAsync());
        return await reader.ReadToEndAsync();
    }

    private static async Task<byte[]> ReadBytesAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
