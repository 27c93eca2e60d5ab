using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Embedded.Queues;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Storage;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class IsolationTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Another_users_video_is_404_on_every_route_and_absent_from_their_list()
    {
        using var owner = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await owner.WaitForStatusAsync(id, "Completed");

        // Every api route that takes a video id, as the app itself lists them: a route added later is covered too.
        var routes = VideoRoutes().ToList();
        Assert.True(routes.Count >= 4, string.Join(", ", routes));
        foreach (var (method, pattern) in routes)
        {
            var path = pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{id:guid}", id, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            using var response = await other.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var list = await ApiClient.Json(await other.Http.GetAsync("/api/videos"));
        Assert.Empty(list["items"]!.AsArray());

        // The owner still has it all: the 404s above changed nothing.
        var video = await owner.GetVideoAsync(id);
        Assert.Equal("Completed", video["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/videos/{id}/download")).StatusCode);
    }

    [Fact]
    public async Task A_job_forged_with_another_users_object_key_is_refused_by_the_worker()
    {
        using var victim = await app.SignedInAsync();
        using var attacker = await app.SignedInAsync();
        var victimId = Guid.Parse(await victim.SubmitAsync(await TestVideos.PatternAsync(seconds: 2)));
        await victim.WaitForStatusAsync(victimId.ToString(), "Completed");

        // The attacker's own video, never uploaded; the forged job points its source at the victim's upload.
        var created = await attacker.CreateVideoAsync("mine.mp4", 1000);
        var attackerVideo = Guid.Parse(created["id"]!.GetValue<string>());
        Guid attackerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            attackerId = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Videos().Single(v => v.Id == attackerVideo).UserId;
            var victimUser = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Videos().Single(v => v.Id == victimId).UserId;
            var forged = new VideoJob(Guid.NewGuid(), attackerVideo, attackerId, 1, ObjectKeys.Source(victimUser, victimId),
                ObjectKeys.Frames(attackerId, attackerVideo), new ExtractionOptions());
            await scope.ServiceProvider.GetRequiredService<MessagePublisher>().PublishAsync(forged, CancellationToken.None);
        }

        // The worker takes it off the queue and does nothing: no frames for the attacker, no status change.
        await Eventually.TrueAsync(QueueIsEmptyAsync, TimeSpan.FromSeconds(20), "The forged job was not taken off the queue");
        await Task.Delay(500);
        Assert.Null(await app.Services.GetRequiredService<IObjectStore>().GetSizeAsync(ObjectKeys.Frames(attackerId, attackerVideo), CancellationToken.None));
        var attackerView = await attacker.GetVideoAsync(attackerVideo.ToString());
        Assert.Equal("AwaitingUpload", attackerView["status"]!.GetValue<string>());
    }

    private async Task<bool> QueueIsEmptyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        return !db.Set<QueueMessage>().Any(m => m.Queue == QueueNames.VideoJobs) && !db.Set<DeadLetterMessage>().Any(m => m.Queue == QueueNames.VideoJobs);
    }

    private IEnumerable<(string Method, string Pattern)> VideoRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/videos/{id", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)));
}
