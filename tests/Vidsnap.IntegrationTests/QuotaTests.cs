using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Domain.Persistence;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Each quota answers a 429 problem that names the limit, the usage and when it frees, and frees when usage falls; one account's limits are its own.</summary>
public sealed class QuotaTests : IDisposable
{
    private readonly VidsnapApp app = new(new Dictionary<string, string>
    {
        ["Quotas:StoredBytes"] = "1000000",
        ["Quotas:VideosInFlight"] = "1",
        ["Quotas:VideosPerDay"] = "3",
        ["Quotas:ApiKeys"] = "1",
        ["Quotas:Webhooks"] = "1",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Stored_bytes_refuse_a_file_that_does_not_fit_and_free_when_a_video_is_deleted()
    {
        using var person = await app.SignedInAsync();
        var big = await person.CreateVideoAsync("big.mp4", 900_000);
        using (var refused = await CreateAsync(person, "more.mp4", 200_000))
        {
            await AssertQuotaAsync(refused, "storedBytes", limit: 1_000_000, usage: 900_000);
        }

        using var someoneElse = await app.SignedInAsync();
        using (var theirs = await CreateAsync(someoneElse, "theirs.mp4", 200_000))
        {
            Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        }

        using (var deleted = await person.Http.DeleteAsync($"/api/videos/{big["id"]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var fits = await CreateAsync(person, "more.mp4", 200_000);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task Videos_in_flight_refuse_a_second_complete_until_the_first_has_finished()
    {
        using var person = await app.SignedInAsync();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 2));
        var first = await UploadedAsync(person, "first.mp4", bytes);
        var second = await UploadedAsync(person, "second.mp4", bytes);

        // Queued with no job anywhere, it stays in flight for as long as the test needs.
        await app.MarkQueuedWithoutJobAsync(Guid.Parse(first));
        using (var refused = await person.CompleteAsync(second))
        {
            await AssertQuotaAsync(refused, "videosInFlight", limit: 1, usage: 1);
        }

        Assert.Equal("AwaitingUpload", (await person.GetVideoAsync(second))["status"]!.GetValue<string>());
        await MarkFailedAsync(Guid.Parse(first));
        using var accepted = await person.CompleteAsync(second);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await person.WaitForStatusAsync(second, "Completed");
    }

    [Fact]
    public async Task Videos_per_day_refuse_the_next_with_when_it_frees_and_free_a_day_after_the_oldest()
    {
        using var person = await app.SignedInAsync();
        for (var i = 0; i < 3; i++)
        {
            var created = await person.CreateVideoAsync($"v{i}.mp4", 100);

            // Deleting does not give back a creation: the day's count is of videos made.
            using var deleted = await person.Http.DeleteAsync($"/api/videos/{created["id"]}");
        }

        using (var refused = await CreateAsync(person, "v3.mp4", 100))
        {
            var problem = await AssertQuotaAsync(refused, "videosPerDay", limit: 3, usage: 3);
            var freesAt = problem["freesAt"]!.GetValue<DateTimeOffset>();
            Assert.InRange(freesAt, DateTimeOffset.UtcNow.AddHours(23.9), DateTimeOffset.UtcNow.AddHours(24.1));
            var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
            Assert.InRange(retryAfter.TotalHours, 23.9, 24.1);
        }

        // A day later, as the change log would read then.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            var user = Guid.Parse((await ApiClient.Json(await person.Http.GetAsync("/api/me")))["id"]!.GetValue<string>());
            await db.VideoChanges().Where(c => c.UserId == user).ExecuteUpdateAsync(s => s.SetProperty(c => c.At, DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-1)));
        }

        using var fits = await CreateAsync(person, "v3.mp4", 100);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task Api_keys_and_webhooks_refuse_one_more_than_the_limit_and_free_when_one_goes()
    {
        using var person = await app.SignedInAsync();
        var key = await CreateKeyAsync(person);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        var keyId = (await ApiClient.Json(key))["id"]!.GetValue<string>();
        using (var refused = await CreateKeyAsync(person))
        {
            await AssertQuotaAsync(refused, "apiKeys", limit: 1, usage: 1);
        }

        (await person.Http.DeleteAsync($"/api/keys/{keyId}")).Dispose();
        using (var again = await CreateKeyAsync(person))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        using var hook = await CreateWebhookAsync(person);
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookId = (await ApiClient.Json(hook))["id"]!.GetValue<string>();
        using (var refused = await CreateWebhookAsync(person))
        {
            await AssertQuotaAsync(refused, "webhooks", limit: 1, usage: 1);
        }

        (await person.Http.DeleteAsync($"/api/webhooks/{hookId}")).Dispose();
        using var hookAgain = await CreateWebhookAsync(person);
        Assert.Equal(HttpStatusCode.Created, hookAgain.StatusCode);
    }

    [Fact]
    public async Task The_account_shows_its_usage_and_limits()
    {
        using var person = await app.SignedInAsync();
        await person.CreateVideoAsync("a.mp4", 1234);
        (await CreateKeyAsync(person)).Dispose();

        var me = await ApiClient.Json(await person.Http.GetAsync("/api/me"));
        Assert.Equal(person.Email, me["email"]!.GetValue<string>());
        Assert.Equal(1234, me["usage"]!["storedBytes"]!.GetValue<long>());
        Assert.Equal(1, me["usage"]!["videosToday"]!.GetValue<int>());
        Assert.Equal(0, me["usage"]!["videosInFlight"]!.GetValue<int>());
        Assert.Equal(1, me["usage"]!["apiKeys"]!.GetValue<int>());
        Assert.Equal(1_000_000, me["limits"]!["storedBytes"]!.GetValue<long>());
        Assert.Equal(3, me["limits"]!["videosPerDay"]!.GetValue<int>());
        Assert.Equal(7, me["retention"]!["sourceDays"]!.GetValue<int>());
    }

    private static Task<HttpResponseMessage> CreateAsync(ApiClient person, string name, long size) =>
        person.Http.PostAsJsonAsync("/api/videos", new { fileName = name, contentType = "video/mp4", sizeBytes = size });

    private static Task<HttpResponseMessage> CreateKeyAsync(ApiClient person) =>
        person.Http.PostAsJsonAsync("/api/keys", new { name = "ci", scopes = new[] { "videos:read" } });

    private static Task<HttpResponseMessage> CreateWebhookAsync(ApiClient person) =>
        person.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "video.completed" } });

    private static async Task<string> UploadedAsync(ApiClient person, string name, byte[] bytes)
    {
        var created = await person.CreateVideoAsync(name, bytes.Length);
        using var upload = await person.UploadAsync(created, bytes);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        return created["id"]!.GetValue<string>();
    }

    private async Task MarkFailedAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        await db.Videos().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VideoStatus.Failed).SetProperty(v => v.Version, Guid.NewGuid()));
    }

    private static async Task<JsonNode> AssertQuotaAsync(HttpResponseMessage response, string quota, long limit, long usage)
    {
        var problem = await ApiClient.Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{response.StatusCode}: {problem.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(quota, problem["quota"]!.GetValue<string>());
        Assert.Equal(limit, problem["limit"]!.GetValue<long>());
        Assert.Equal(usage, problem["usage"]!.GetValue<long>());
        Assert.StartsWith("Quotas:", problem["setting"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        return problem;
    }
}
