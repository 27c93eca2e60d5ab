using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Idempotency-Key: a retried create answers the first answer and creates nothing more.</summary>
public sealed class IdempotencyTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task The_same_key_and_body_create_one_video_and_answer_the_first_answer_again()
    {
        using var person = await app.SignedInAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { fileName = "once.mp4", contentType = "video/mp4", sizeBytes = 1234 };

        using var first = await PostAsync(person, "/api/videos", key, body);
        using var again = await PostAsync(person, "/api/videos", key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await ApiClient.Json(await person.Http.GetAsync("/api/videos")))["items"]!.AsArray());

        using var changed = await PostAsync(person, "/api/videos", key, body with { sizeBytes = 99 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Single((await ApiClient.Json(await person.Http.GetAsync("/api/videos")))["items"]!.AsArray());
    }

    [Fact]
    public async Task Keys_are_per_person_and_each_request_without_a_key_creates()
    {
        using var one = await app.SignedInAsync();
        using var two = await app.SignedInAsync();
        var body = new { fileName = "mine.mp4", contentType = "video/mp4", sizeBytes = 10 };

        using var a = await PostAsync(one, "/api/videos", "shared-key", body);
        using var b = await PostAsync(two, "/api/videos", "shared-key", body);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual((await ApiClient.Json(a))["id"]!.ToJsonString(), (await ApiClient.Json(b))["id"]!.ToJsonString());

        (await one.Http.PostAsJsonAsync("/api/videos", body)).Dispose();
        (await one.Http.PostAsJsonAsync("/api/videos", body)).Dispose();
        Assert.Equal(3, (await ApiClient.Json(await one.Http.GetAsync("/api/videos")))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_repeated_webhook_registration_makes_one_endpoint_and_a_refused_request_can_be_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = await app.SignedInAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { url = receiver.Url, events = new[] { "video.completed" } };

        using var first = await PostAsync(person, "/api/webhooks", key, body);
        using var again = await PostAsync(person, "/api/webhooks", key, body);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single((await ApiClient.Json(await person.Http.GetAsync("/api/webhooks"))).AsArray());

        using var invalid = await PostAsync(person, "/api/videos", "bad-then-good", new { fileName = "", contentType = "video/mp4", sizeBytes = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var tooLong = await PostAsync(person, "/api/videos", new string('k', 300), new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync<T>(ApiClient client, string path, string key, T body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.Http.SendAsync(request);
    }
}
