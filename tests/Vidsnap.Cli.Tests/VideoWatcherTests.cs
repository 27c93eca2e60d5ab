using System.Net;
using Vidsnap.Client;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Tests;

public sealed class VideoWatcherTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static string VideoJson(string status, int progress) =>
        $$"""{"id":"{{Id}}","fileName":"a.mp4","contentType":"video/mp4","sizeBytes":10,"status":"{{status}}","progress":{{progress}},"frameCount":{{(status == "Completed" ? "3" : "null")}},"error":null,"createdAt":"2026-12-01T12:00:00+00:00","updatedAt":"2026-12-01T12:00:01+00:00"}""";

    private static VidsnapClient ClientOf(FakeServer server) => new(new VidsnapClientOptions
    {
        BaseAddress = new Uri("http://api.test/"), ApiKey = "vsk_test", Handler = server, PollInterval = TimeSpan.FromMilliseconds(10),
    });

    [Fact]
    public async Task Follows_the_event_stream_to_the_end_without_polling()
    {
        var stream = $"""
            : heartbeat

            id: 7
            event: video
            data: {VideoJson("Processing", 40)}

            id: 8
            event: video
            data: {VideoJson("Completed", 100)}


            """;
        using var server = new FakeServer((request, _, _) => request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
            ? FakeServer.Json(HttpStatusCode.OK, stream, "text/event-stream")
            : FakeServer.Json(HttpStatusCode.OK, VideoJson("Completed", 100)));
        using var client = ClientOf(server);
        var changes = new List<VideoChange>();

        var video = await client.WaitForVideoAsync(Id, changes.Add);

        Assert.Equal((VideoStatus.Completed, 3), (video.Status, video.FrameCount));
        Assert.Equal([VideoStatus.Processing, VideoStatus.Completed], changes.Select(c => c.Status));
        Assert.Equal([$"/api/videos/{Id}/events", $"/api/videos/{Id}"], server.Requests.Select(r => r.Url.AbsolutePath));
    }

    [Fact]
    public async Task Polls_while_the_stream_is_refused_for_load()
    {
        var polls = 0;
        using var server = new FakeServer((request, _, _) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
            {
                return FakeServer.Json(HttpStatusCode.TooManyRequests, """{"title":"Too many streams","status":429}""", "application/problem+json");
            }

            return FakeServer.Json(HttpStatusCode.OK, Interlocked.Increment(ref polls) < 3 ? VideoJson("Processing", 50) : VideoJson("Failed", 50).Replace("\"error\":null", "\"error\":\"not a video\"", StringComparison.Ordinal));
        });
        using var client = ClientOf(server);

        var video = await client.WaitForVideoAsync(Id);

        Assert.Equal((VideoStatus.Failed, "not a video"), (video.Status, video.Error));
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task A_video_that_is_not_there_is_not_polled_for()
    {
        using var server = new FakeServer((_, _, _) => FakeServer.Json(HttpStatusCode.NotFound, """{"title":"Video not found","status":404}""", "application/problem+json"));
        using var client = ClientOf(server);

        var problem = await Assert.ThrowsAsync<VidsnapProblemException>(() => client.WaitForVideoAsync(Id));

        Assert.Equal(404, problem.Status);
        Assert.Single(server.Requests);
    }
}
