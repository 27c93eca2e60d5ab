using System.Net;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class UploadTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    private static JsonNode WithUrl(JsonNode created, Func<string, string> change)
    {
        var copy = created.DeepClone();
        copy["upload"]!["url"] = change(created["upload"]!["url"]!.GetValue<string>());
        return copy;
    }

    [Fact]
    public async Task Tampered_and_oversized_uploads_are_refused_and_store_nothing()
    {
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("a.mp4", 1000);
        var id = created["id"]!.GetValue<string>();

        using (var bigger = await user.UploadAsync(created, new byte[1001]))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigger.StatusCode);
        }

        using (var raisedLimit = await user.UploadAsync(WithUrl(created, u => u.Replace("max=1000", "max=5000", StringComparison.Ordinal)), new byte[1001]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, raisedLimit.StatusCode);
        }

        using (var otherKey = await user.UploadAsync(WithUrl(created, u => u.Replace("/source?", "/frames.zip?", StringComparison.Ordinal)), new byte[1000]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherKey.StatusCode);
        }

        using (var unsigned = await user.UploadAsync(WithUrl(created, u => u[..u.IndexOf("&signature=", StringComparison.Ordinal)]), new byte[1000]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        using var complete = await user.CompleteAsync(id);
        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        Assert.Contains("upload", (await ApiClient.Json(complete))["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Complete_checks_the_size_and_is_idempotent()
    {
        using var user = await app.SignedInAsync();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 3));
        var created = await user.CreateVideoAsync("b.mp4", bytes.Length + 10);
        var id = created["id"]!.GetValue<string>();
        using (await user.UploadAsync(created, bytes))
        {
        }

        using (var mismatch = await user.CompleteAsync(id))
        {
            Assert.Equal(HttpStatusCode.Conflict, mismatch.StatusCode);
            Assert.Contains("bytes", (await ApiClient.Json(mismatch))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var good = await user.CreateVideoAsync("c.mp4", bytes.Length);
        var goodId = good["id"]!.GetValue<string>();
        using (await user.UploadAsync(good, bytes))
        {
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => user.CompleteAsync(goodId)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var done = await user.WaitForStatusAsync(goodId, "Completed");
        Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Queued");
        await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(goodId):N}-*.eml");
    }

    [Fact]
    public async Task Bad_requests_are_problem_details_naming_the_field()
    {
        using var user = await app.SignedInAsync();
        using var response = await user.Http.PostAsync("/api/videos", new StringContent(
            """{"fileName":"x.png","contentType":"image/png","sizeBytes":10,"options":{"mode":"interval","intervalSeconds":0}}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject();
        Assert.Contains("contentType", errors.Select(e => e.Key));
        Assert.Contains("options.intervalSeconds", errors.Select(e => e.Key));

        using var badOptions = await user.Http.PostAsync("/api/videos", new StringContent(
            """{"fileName":"x.mp4","contentType":"video/mp4","sizeBytes":10,"options":{"mode":"count","format":"bmp","width":5,"maxFrames":0}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badOptions.StatusCode);
        Assert.Equal(
            ["options.count", "options.format", "options.maxFrames", "options.width"],
            (await ApiClient.Json(badOptions))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        using var malformed = await user.Http.PostAsync("/api/videos", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
