using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.StatusWorker;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>GET /api/limits, creation-time refusals, POST /api/videos/{id}/retry and the sweep of abandoned uploads.</summary>
public sealed class RetryAndLimitsTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task The_limits_are_the_numbers_create_checks()
    {
        using var person = await app.SignedInAsync();
        using var response = await person.Http.GetAsync("/api/limits");
        var limits = await ApiClient.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2L * 1024 * 1024 * 1024, limits["maxUploadBytes"]!.GetValue<long>());
        Assert.Equal((1000, 10_000, 7680), (limits["defaultMaxFrames"]!.GetValue<int>(), limits["maxFramesCap"]!.GetValue<int>(), limits["maxDimension"]!.GetValue<int>()));
        Assert.Equal((0.01, 1.0, 1, 100), (limits["minThreshold"]!.GetValue<double>(), limits["maxThreshold"]!.GetValue<double>(), limits["minQuality"]!.GetValue<int>(), limits["maxQuality"]!.GetValue<int>()));
        Assert.Equal(["interval", "count", "timestamps", "keyframes", "scene"], limits["modes"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(("interval", 1000), (limits["defaults"]!["mode"]!.GetValue<string>(), limits["defaults"]!["maxFrames"]!.GetValue<int>()));

        // One more frame than the limit says is refused at creation, in a person's words.
        using var tooMany = await person.Http.PostAsJsonAsync("/api/videos", new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10, options = new { mode = "count", count = limits["defaultMaxFrames"]!.GetValue<int>() + 1 } });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var message = (await ApiClient.Json(tooMany))["errors"]!["options.count"]![0]!.GetValue<string>();
        Assert.StartsWith("1 001 frames is more than the limit of 1 000", message, StringComparison.Ordinal);

        using var pastTheEnd = await person.Http.PostAsJsonAsync("/api/videos", new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10, durationSeconds = 2.0, options = new { mode = "timestamps", timestamps = new[] { 1.0, 30.0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, pastTheEnd.StatusCode);
        Assert.Contains("30 s is outside the video", (await ApiClient.Json(pastTheEnd))["errors"]!["options.timestamps"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        using var empty = await person.Http.PostAsJsonAsync("/api/videos", new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 0 });
        Assert.Equal("The file is empty.", (await ApiClient.Json(empty))["errors"]!["sizeBytes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_video_retried_with_other_options_completes_with_them_without_a_new_upload()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2), new { mode = "timestamps", timestamps = new[] { 0.5, 30.0 } });
        var failed = await person.WaitForStatusAsync(id, "Failed");
        Assert.Equal(1, failed["attempt"]!.GetValue<int>());

        using var retry = await person.Http.PostAsJsonAsync($"/api/videos/{id}/retry", new { options = new { mode = "timestamps", timestamps = new[] { 0.5, 1.5 } } });
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("Queued", (await ApiClient.Json(retry))["status"]!.GetValue<string>());

        var done = await person.WaitForStatusAsync(id, "Completed");
        Assert.Equal((2, 2), (done["attempt"]!.GetValue<int>(), done["frameCount"]!.GetValue<int>()));
        Assert.Null(done["error"]);
        Assert.Contains(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Queued" && h["detail"]?.GetValue<string>() == "Attempt 2 with new options");
    }

    [Fact]
    public async Task A_completed_video_is_extracted_again_with_other_options_or_the_same()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        Assert.Equal(2, (await person.WaitForStatusAsync(id, "Completed"))["frameCount"]!.GetValue<int>());

        using (var retry = await person.Http.PostAsJsonAsync($"/api/videos/{id}/retry", new { options = new { mode = "count", count = 5 } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        var again = await person.WaitForStatusAsync(id, "Completed", also: v => v["attempt"]!.GetValue<int>() == 2);
        Assert.Equal(5, again["frameCount"]!.GetValue<int>());

        using (var same = await person.Http.PostAsync($"/api/videos/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
        }

        var third = await person.WaitForStatusAsync(id, "Completed", also: v => v["attempt"]!.GetValue<int>() == 3);
        Assert.Equal(5, third["frameCount"]!.GetValue<int>());
        Assert.Contains(third["history"]!.AsArray(), h => h!["detail"]?.GetValue<string>() == "Attempt 3");

        using var invalid = await person.Http.PostAsJsonAsync($"/api/videos/{id}/retry", new { options = new { mode = "count", count = 20_000 } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await ApiClient.Json(invalid))["errors"]!["options.count"]);
    }

    [Fact]
    public async Task Retry_is_refused_before_the_video_is_finished_and_for_another_persons_video()
    {
        using var person = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var created = await person.CreateVideoAsync("wait.mp4", 1000);
        var waiting = created["id"]!.GetValue<string>();
        using (var early = await person.Http.PostAsync($"/api/videos/{waiting}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        await person.WaitForStatusAsync(id, "Completed");
        using (var theirs = await other.Http.PostAsync($"/api/videos/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }

        using var unknown = await person.Http.PostAsync($"/api/videos/{Guid.NewGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_second_failure_of_a_retried_video_within_the_window_sends_no_second_email()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.RandomBytesAsync());
        await person.WaitForStatusAsync(id, "Failed");
        using (var retry = await person.Http.PostAsync($"/api/videos/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await person.WaitForStatusAsync(id, "Failed", also: v => v["attempt"]!.GetValue<int>() == 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var mail = Assert.Single(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml"));
        Assert.EndsWith("-1-Failed.eml", mail, StringComparison.Ordinal);
    }
}

/// <summary>With a slot whose URLs expire at once and no grace, a video nobody uploads to is swept; one uploaded and queued is not.</summary>
public sealed class AbandonedUploadTests
{
    [Fact]
    public async Task A_video_still_awaiting_its_upload_after_its_slot_expired_is_removed_and_a_queued_one_stays()
    {
        using var app = new VidsnapApp(new Dictionary<string, string>
        {
            ["Storage:Local:UrlExpiryMinutes"] = "0",
            ["Retention:AbandonedUploadGraceMinutes"] = "0",
            ["Retention:SweepIntervalSeconds"] = "0",
        });
        using var person = await app.SignedInAsync();
        var abandoned = (await person.CreateVideoAsync("never.mp4", 1000))["id"]!.GetValue<string>();
        var sweeper = app.Services.GetRequiredService<AbandonedUploadSweeper>();

        Assert.True(await sweeper.SweepAsync(CancellationToken.None) >= 1);
        using (var gone = await person.Http.GetAsync($"/api/videos/{abandoned}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
    }
}
