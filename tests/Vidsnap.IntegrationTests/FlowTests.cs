using System.IO.Compression;
using System.Net;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class FlowTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Upload_to_zip_gives_duration_over_interval_jpegs_and_one_email()
    {
        using var user = await app.SignedInAsync();
        var video = await TestVideos.PatternAsync(seconds: 10);
        var bytes = await File.ReadAllBytesAsync(video);
        var created = await user.CreateVideoAsync("holiday clip.mp4", bytes.Length, new { mode = "interval", intervalSeconds = 2 });
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("AwaitingUpload", created["status"]!.GetValue<string>());
        Assert.Equal("PUT", created["upload"]!["method"]!.GetValue<string>());
        Assert.DoesNotContain("holiday", created["upload"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);

        using (var early = await user.Http.GetAsync($"/api/videos/{id}/download"))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        }

        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        using (var complete = await user.CompleteAsync(id))
        {
            Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);
            Assert.Equal("Queued", (await ApiClient.Json(complete))["status"]!.GetValue<string>());
        }

        var done = await user.WaitForStatusAsync(id, "Completed");
        Assert.Equal(5, done["frameCount"]!.GetValue<int>());
        Assert.Equal(100, done["progress"]!.GetValue<int>());
        Assert.Equal(
            ["AwaitingUpload", "Queued", "Processing", "Completed"],
            done["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));

        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        var frames = zip.Entries.Where(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["frame_000001_00h00m00.000s.jpg", "frame_000002_00h00m02.000s.jpg", "frame_000003_00h00m04.000s.jpg", "frame_000004_00h00m06.000s.jpg", "frame_000005_00h00m08.000s.jpg"],
            frames.Select(e => e.FullName));
        Assert.Equal(
            ["contact_sheet.jpg", "manifest.json", "poster.jpg", "storyboard/sprite_001.jpg", "storyboard/storyboard.vtt"],
            zip.Entries.Except(frames).Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in frames)
        {
            await using var stream = entry.Open();
            var magic = new byte[3];
            await stream.ReadExactlyAsync(magic);
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, magic);
        }

        var poster = await ApiClient.Json(await user.Http.GetAsync($"/api/videos/{id}/poster"));
        using (var anonymous = new HttpClient())
        {
            var image = await anonymous.GetByteArrayAsync(poster["url"]!.GetValue<string>());
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, image[..3]);
        }

        var mail = await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml");
        var text = await File.ReadAllTextAsync(mail);
        Assert.Contains($"To: {user.Email}", text, StringComparison.Ordinal);
        Assert.Contains("holiday clip.mp4", text, StringComparison.Ordinal);
        Assert.Contains("5 frames", text, StringComparison.Ordinal);

        // HTML beside the text, showing the poster thumbnail the worker stored, carried inside the email.
        var message = await MimeKit.MimeMessage.LoadAsync(mail);
        Assert.Contains("5 frames were extracted", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("cid:poster@vidsnap", message.HtmlBody, StringComparison.Ordinal);
        var inline = Assert.Single(message.BodyParts.OfType<MimeKit.MimePart>(), p => p.ContentId == "poster@vidsnap");
        using var picture = new MemoryStream();
        inline.Content!.DecodeTo(picture);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, picture.ToArray()[..3]);
    }

    [Fact]
    public async Task List_is_newest_first_and_paged_with_a_cursor()
    {
        using var user = await app.SignedInAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await user.CreateVideoAsync($"v{i}.mp4", 100))["id"]!.GetValue<string>());
        }

        var first = await ApiClient.Json(await user.Http.GetAsync("/api/videos?limit=2"));
        Assert.Equal([ids[2], ids[1]], first["items"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()));
        var cursor = first["nextCursor"]!.GetValue<string>();

        var second = await ApiClient.Json(await user.Http.GetAsync($"/api/videos?limit=2&cursor={cursor}"));
        Assert.Equal([ids[0]], second["items"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()));
        Assert.Null(second["nextCursor"]);

        using var bad = await user.Http.GetAsync("/api/videos?limit=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var client = app.Anonymous();
        using var probe = app.ManagementClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
