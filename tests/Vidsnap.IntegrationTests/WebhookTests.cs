using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>An app whose webhook retries come within seconds, and whose endpoints give up after a few seconds of failures.</summary>
public sealed class WebhookAppFixture : IDisposable
{
    public VidsnapApp App { get; } = new(new Dictionary<string, string>
    {
        ["Webhooks:RetryScheduleSeconds"] = "1,1,1,1,1,1,1,1,1,1",
        ["Webhooks:DisableAfterHours"] = "0.001",
    });

    public void Dispose() => App.Dispose();
}

/// <summary>Systems hear of videos by signed webhooks: delivered at least once, with the same webhook-id on every try.</summary>
public sealed class WebhookTests(WebhookAppFixture fixture) : IClassFixture<WebhookAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_system_with_only_a_key_gets_a_signed_video_completed_and_downloads_the_zip_it_links()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = await app.SignedInAsync();
        using var system = person.WithApiKey(await person.CreateApiKeyAsync("videos:read", "videos:write", "webhooks:manage"));
        var secret = await RegisterAsync(system, receiver.Url, "video.queued", "video.completed");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var id = await system.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));

        var completed = await receiver.WaitForAsync(r => r.Body.Contains("\"video.completed\"", StringComparison.Ordinal));
        Assert.True(WebhookSignature.IsValid(secret, completed), "the signature does not verify");
        Assert.StartsWith("msg_", completed.Id, StringComparison.Ordinal);
        Assert.InRange(long.Parse(completed.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var payload = JsonNode.Parse(completed.Body)!;
        Assert.Equal("video.completed", payload["type"]!.GetValue<string>());
        var data = payload["data"]!;
        Assert.Equal(id, data["id"]!.GetValue<string>());
        Assert.Equal("Completed", data["status"]!.GetValue<string>());
        Assert.Equal(2, data["frameCount"]!.GetValue<int>());
        Assert.Contains(data["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");

        // The payload is the video as GET shows it, and its download link works with the key.
        var shown = await system.GetVideoAsync(id);
        Assert.Equal(shown["updatedAt"]!.ToJsonString(), data["updatedAt"]!.ToJsonString());
        var link = data["links"]!["download"]!.GetValue<string>();
        Assert.EndsWith($"/api/videos/{id}/download", link, StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await system.DownloadZipAsync(id)));
        Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));

        Assert.Single(receiver.Received, r => r.Body.Contains("\"video.queued\"", StringComparison.Ordinal));
        Assert.Single(receiver.Received, r => r.Body.Contains("\"video.completed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receiver_that_fails_for_a_while_gets_the_event_once_it_recovers_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failures = 2;
        receiver.Answer = () => Interlocked.Decrement(ref failures) >= 0 ? 500 : 200;
        using var person = await app.SignedInAsync();
        var secret = await RegisterAsync(person, receiver.Url, "video.failed");
        var hookId = (await ApiClient.Json(await person.Http.GetAsync("/api/webhooks")))[0]!["id"]!.GetValue<string>();

        var id = await person.SubmitAsync(await TestVideos.RandomBytesAsync());

        var delivered = await receiver.WaitForAsync(r => r.Answered == 200);
        var attempts = receiver.Received.Where(r => r.Id == delivered.Id).ToList();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Answered));
        Assert.All(attempts, a => Assert.True(WebhookSignature.IsValid(secret, a)));
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        Assert.Contains(id, delivered.Body, StringComparison.Ordinal);

        var log = await ApiClient.Json(await person.Http.GetAsync($"/api/webhooks/{hookId}/deliveries"));
        var entry = Assert.Single(log.AsArray())!;
        Assert.Equal(delivered.Id, entry["id"]!.GetValue<string>());
        Assert.Equal("Succeeded", entry["status"]!.GetValue<string>());
        Assert.Equal([500, 500, 200], entry["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()));

        // Sent again on request, under the same id.
        using var redeliver = await person.Http.PostAsync($"/api/webhooks/{hookId}/deliveries/{delivered.Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count(r => r.Id == delivered.Id) == 4), TimeSpan.FromSeconds(20), "no redelivery");
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_and_its_owner_emailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = () => 503;
        using var person = await app.SignedInAsync();
        await RegisterAsync(person, receiver.Url, "video.queued");
        var hookId = (await ApiClient.Json(await person.Http.GetAsync("/api/webhooks")))[0]!["id"]!.GetValue<string>();

        await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));

        await Eventually.TrueAsync(async () => (await ApiClient.Json(await person.Http.GetAsync($"/api/webhooks/{hookId}")))["enabled"]!.GetValue<bool>() == false,
            TimeSpan.FromSeconds(30), "the endpoint was not disabled");
        var mail = await Eventually.SingleFileAsync(app.MailDirectory, $"webhook-disabled-{Guid.Parse(hookId):N}-*.eml");
        var text = await File.ReadAllTextAsync(mail);
        Assert.Contains(receiver.Url.ToString(), text, StringComparison.Ordinal);
        Assert.Contains($"/api/webhooks/{hookId}/enable", text, StringComparison.Ordinal);
        Assert.Contains(person.Email!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_secret_and_the_previous_one_both_sign_for_the_overlap()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = await app.SignedInAsync();
        var old = await RegisterAsync(person, receiver.Url, "video.queued");
        var hookId = (await ApiClient.Json(await person.Http.GetAsync("/api/webhooks")))[0]!["id"]!.GetValue<string>();
        using var rotate = await person.Http.PostAsync($"/api/webhooks/{hookId}/rotate-secret", null);
        var rotated = await ApiClient.Json(rotate);
        var fresh = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(old, fresh);
        Assert.True(rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(23));

        await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));

        var queued = await receiver.WaitForAsync(r => r.Body.Contains("\"video.queued\"", StringComparison.Ordinal));
        Assert.Equal(2, queued.Signature.Split(' ').Length);
        Assert.True(WebhookSignature.IsValid(fresh, queued));
        Assert.True(WebhookSignature.IsValid(old, queued));
        Assert.False(WebhookSignature.IsValid("whsec_" + Convert.ToBase64String(new byte[32]), queued));
        Assert.DoesNotContain(fresh, (await ApiClient.Json(await person.Http.GetAsync($"/api/webhooks/{hookId}"))).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_a_deleted_endpoint_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = await app.SignedInAsync();
        await RegisterAsync(person, new Uri(receiver.Url, "/moved"), "video.queued");
        var hookId = (await ApiClient.Json(await person.Http.GetAsync("/api/webhooks")))[0]!["id"]!.GetValue<string>();

        await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));

        await Eventually.TrueAsync(async () => (await ApiClient.Json(await person.Http.GetAsync($"/api/webhooks/{hookId}/deliveries")))
            .AsArray().Any(d => d!["lastStatusCode"]?.GetValue<int>() == 307), TimeSpan.FromSeconds(20), "no attempt answered 307");
        Assert.Empty(receiver.Received);

        Assert.Equal(HttpStatusCode.NoContent, (await person.Http.DeleteAsync($"/api/webhooks/{hookId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.Http.GetAsync($"/api/webhooks/{hookId}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Registration_checks_the_url_and_the_events_and_another_persons_webhooks_are_404()
    {
        using var person = await app.SignedInAsync();
        using var stranger = await app.SignedInAsync();
        foreach (var (url, events) in new[] { ("not a url", new[] { "video.completed" }), ("ftp://example.com/x", ["video.completed"]), ("https://example.com/x", ["video.exploded"]), ("https://example.com/x", []) })
        {
            using var response = await person.Http.PostAsJsonAsync("/api/webhooks", new { url, events });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} {string.Join(',', events)}: {response.StatusCode}");
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync(person, receiver.Url, "video.completed");
        var hookId = (await ApiClient.Json(await person.Http.GetAsync("/api/webhooks")))[0]!["id"]!.GetValue<string>();
        Assert.Empty((await ApiClient.Json(await stranger.Http.GetAsync("/api/webhooks"))).AsArray());
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => stranger.Http.GetAsync($"/api/webhooks/{hookId}"),
            () => stranger.Http.DeleteAsync($"/api/webhooks/{hookId}"),
            () => stranger.Http.PostAsync($"/api/webhooks/{hookId}/rotate-secret", null),
            () => stranger.Http.GetAsync($"/api/webhooks/{hookId}/deliveries"),
        })
        {
            using var response = await request();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    public static async Task<string> RegisterAsync(ApiClient client, Uri url, params string[] events)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.Http.PostAsJsonAsync("/api/webhooks", new { url, events });
        var body = await ApiClient.Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["secret"]!.GetValue<string>();
    }
}

/// <summary>Where Vidsnap serves many (distributed mode's default), a webhook may not point into private networks.</summary>
public sealed class WebhookTargetTests : IDisposable
{
    private readonly VidsnapApp app = new(new Dictionary<string, string> { ["Webhooks:AllowPrivateTargets"] = "false" });

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("http://example.com/hooks")]
    public async Task A_target_on_a_private_address_or_without_https_is_refused(string url)
    {
        using var person = await app.SignedInAsync();

        using var response = await person.Http.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "video.completed" } });

        var problem = await ApiClient.Json(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["url"]);
        Assert.Empty((await ApiClient.Json(await person.Http.GetAsync("/api/webhooks"))).AsArray());
    }
}
