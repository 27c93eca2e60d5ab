using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Embedded.Storage;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Upload slots refuse every PUT they did not grant: expired, tampered, aimed at another video's key, or larger
/// than declared. Each refusal is an RFC 7807 problem and leaves nothing in storage.
/// </summary>
public sealed class UploadSlotTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task An_expired_upload_url_is_refused_and_stores_nothing()
    {
        // Zero minutes: the URL expires at the end of the second it was made in.
        using var shortLived = new VidsnapApp(new Dictionary<string, string> { ["Storage:Local:UrlExpiryMinutes"] = "0" });
        using var user = await shortLived.SignedInAsync();
        var created = await user.CreateVideoAsync("late.mp4", 100);
        var expiresAt = DateTimeOffset.Parse(created["upload"]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var wait = expiresAt.AddSeconds(1.1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        using var late = await user.UploadAsync(created, new byte[100]);
        await AssertProblemAsync(late, HttpStatusCode.Forbidden, "expired");
        AssertNothingStored(shortLived, created);

        using var complete = await user.CompleteAsync(created["id"]!.GetValue<string>());
        await AssertProblemAsync(complete, HttpStatusCode.Conflict, "upload");
    }

    [Fact]
    public async Task A_url_signed_for_one_video_cannot_write_another_videos_key()
    {
        using var owner = await app.SignedInAsync();
        using var stranger = await app.SignedInAsync();
        var mine = await owner.CreateVideoAsync("mine.mp4", 100);
        var alsoMine = await owner.CreateVideoAsync("also-mine.mp4", 100);
        var theirs = await stranger.CreateVideoAsync("theirs.mp4", 100);

        foreach (var target in new[] { alsoMine, theirs })
        {
            var redirected = WithUrl(mine, url => url.Replace(KeyOf(mine), KeyOf(target), StringComparison.Ordinal));
            Assert.NotEqual(mine["upload"]!["url"]!.ToString(), redirected["upload"]!["url"]!.ToString());
            using var response = await owner.UploadAsync(redirected, new byte[100]);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "signature");
            AssertNothingStored(app, target);
        }

        AssertNothingStored(app, mine);
    }

    [Fact]
    public async Task A_put_after_the_video_was_deleted_or_a_second_put_is_refused_and_stores_nothing()
    {
        using var user = await app.SignedInAsync();
        var deleted = await user.CreateVideoAsync("gone.mp4", 100);
        using (var delete = await user.Http.DeleteAsync($"/api/videos/{deleted["id"]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var late = await user.UploadAsync(deleted, new byte[100]))
        {
            await AssertProblemAsync(late, HttpStatusCode.Conflict, "takes no more");
        }

        AssertNothingStored(app, deleted);

        var once = await user.CreateVideoAsync("once.mp4", 100);
        var first = System.Security.Cryptography.RandomNumberGenerator.GetBytes(100);
        using (var upload = await user.UploadAsync(once, first))
        {
            Assert.True(upload.IsSuccessStatusCode, upload.StatusCode.ToString());
        }

        using (var again = await user.UploadAsync(once, new byte[100]))
        {
            await AssertProblemAsync(again, HttpStatusCode.Conflict, "takes no more");
        }

        Assert.Equal(first, await File.ReadAllBytesAsync(app.Services.GetRequiredService<LocalObjectStore>().PathOf(KeyOf(once))));
    }

    [Fact]
    public async Task Complete_checks_the_stored_size_against_the_declared_one()
    {
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("short.mp4", 100);
        using (var shorter = await user.UploadAsync(created, new byte[99]))
        {
            await AssertProblemAsync(shorter, HttpStatusCode.BadRequest, "size");
        }

        AssertNothingStored(app, created);
        using var complete = await user.CompleteAsync(created["id"]!.GetValue<string>());
        await AssertProblemAsync(complete, HttpStatusCode.Conflict, "upload");
    }

    [Fact]
    public async Task Tampered_and_oversized_uploads_are_problems_and_store_nothing()
    {
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("a.mp4", 1000);
        var later = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var tampered = new Dictionary<string, Func<string, string>>
        {
            ["longer expiry"] = u => System.Text.RegularExpressions.Regex.Replace(u, "expires=[0-9]+", $"expires={later}"),
            ["higher limit"] = u => u.Replace("max=1000", "max=5000", StringComparison.Ordinal),
            ["other method"] = u => u.Replace("method=PUT", "method=GET", StringComparison.Ordinal),
            ["forged signature"] = u => u[..(u.IndexOf("&signature=", StringComparison.Ordinal) + "&signature=".Length)] + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ["no signature"] = u => u[..u.IndexOf("&signature=", StringComparison.Ordinal)],
        };
        foreach (var (name, change) in tampered)
        {
            using var response = await user.UploadAsync(WithUrl(created, change), new byte[1000]);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {response.StatusCode}");
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "");
            AssertNothingStored(app, created);
        }

        using (var declaredBigger = await user.UploadAsync(created, new byte[1001]))
        {
            await AssertProblemAsync(declaredBigger, HttpStatusCode.RequestEntityTooLarge, "1000 bytes");
        }

        AssertNothingStored(app, created);

        // No Content-Length: the body is counted as it streams and cut off past the limit.
        using (var request = new HttpRequestMessage(HttpMethod.Put, created["upload"]!["url"]!.GetValue<string>()))
        {
            request.Content = new StreamContent(new UnknownLengthStream(new byte[5000]));
            request.Headers.TransferEncodingChunked = true;
            using var anonymous = new HttpClient();
            using var streamed = await anonymous.SendAsync(request);
            await AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "1000 bytes");
        }

        AssertNothingStored(app, created);
        using var complete = await user.CompleteAsync(created["id"]!.GetValue<string>());
        await AssertProblemAsync(complete, HttpStatusCode.Conflict, "upload");

        // The slot itself still works: the refusals did not use it up.
        using var upload = await user.UploadAsync(created, new byte[1000]);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
    }

    private static JsonNode WithUrl(JsonNode created, Func<string, string> change)
    {
        var copy = created.DeepClone();
        copy["upload"]!["url"] = change(created["upload"]!["url"]!.GetValue<string>());
        return copy;
    }

    private static string KeyOf(JsonNode created) =>
        new Uri(created["upload"]!["url"]!.GetValue<string>()).AbsolutePath[LocalUrlSigner.PathPrefix.Length..];

    private static void AssertNothingStored(VidsnapApp app, JsonNode created)
    {
        var path = app.Services.GetRequiredService<LocalObjectStore>().PathOf(KeyOf(created));
        Assert.False(File.Exists(path), $"{path} was stored");
        var directory = Path.GetDirectoryName(path)!;
        // The slot's own marker (".slot") is the grant, not stored data: a refused upload leaves it for the right one.
        Assert.Empty(Directory.Exists(directory) ? Directory.GetFiles(directory).Where(f => !f.EndsWith(".slot", StringComparison.Ordinal)) : []);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailMentions)
    {
        var body = await ApiClient.Json(response);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        var detail = body["detail"]?.GetValue<string>() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(detail), body.ToJsonString());
        Assert.Contains(detailMentions, detail, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A body whose length the client cannot know in advance, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
