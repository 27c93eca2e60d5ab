using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>What bounds an event stream: each user's number of them, a heartbeat when idle, its credentials, the process's life.</summary>
public sealed class VideoEventLimitsTests : IDisposable
{
    private readonly VidsnapApp app = new(new Dictionary<string, string>
    {
        ["Events:MaxStreamsPerUser"] = "2",
        ["Events:HeartbeatSeconds"] = "1",
        ["ApiKeys:CacheSeconds"] = "1",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_user_holds_at_most_the_configured_streams_and_a_closed_one_frees_its_place()
    {
        using var user = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var first = await user.OpenEventsAsync();
        await using var second = await user.OpenEventsAsync();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.Response.StatusCode, second.Response.StatusCode });

        await using (var third = await user.OpenEventsAsync())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.Response.StatusCode);
            Assert.Equal("application/problem+json", third.Response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(third.Response.Headers.RetryAfter);
        }

        // Another user is not held back by this one.
        await using (var others = await other.OpenEventsAsync())
        {
            Assert.Equal(HttpStatusCode.OK, others.Response.StatusCode);
        }

        // Closing a stream gives its place back once the server sees the connection go.
        await first.DisposeAsync();
        EventStream? again = null;
        await Eventually.TrueAsync(async () =>
        {
            again = await user.OpenEventsAsync();
            if (again.Response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            await again.DisposeAsync();
            return false;
        }, TimeSpan.FromSeconds(10), "The closed stream's place was not given back");
        await again!.DisposeAsync();
    }

    [Fact]
    public async Task Open_streams_end_when_the_process_stops_instead_of_holding_it_up()
    {
        using var user = await app.SignedInAsync();
        await using var stream = await user.OpenEventsAsync();
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        // The host waits for open requests up to Vidsnap:ShutdownGraceSeconds (30 s) before it cuts them off.
        var stopping = Stopwatch.StartNew();
        app.Dispose();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {stopping.Elapsed}");
        await Eventually.TrueAsync(() => Task.FromResult(stream.Ended), TimeSpan.FromSeconds(5), "The stream is still open");
    }

    [Fact]
    public async Task A_stream_opened_with_an_api_key_ends_once_the_key_is_revoked()
    {
        using var owner = await app.SignedInAsync();
        using var created = await owner.Http.PostAsJsonAsync("/api/keys", new { name = "watcher", scopes = new[] { "videos:read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await ApiClient.Json(created);
        using var program = app.Anonymous();
        program.UseToken(key["secret"]!.GetValue<string>());
        await using var stream = await program.OpenEventsAsync();
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        // Still open a while later: the key is watched, not given a lifetime.
        await Eventually.TrueAsync(() => Task.FromResult(stream.Comments >= 3), TimeSpan.FromSeconds(10), "No heartbeats");
        Assert.False(stream.Ended);

        using (var revoke = await owner.Http.DeleteAsync($"/api/keys/{key["id"]!.GetValue<string>()}"))
        {
            Assert.True(revoke.IsSuccessStatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(stream.Ended), TimeSpan.FromSeconds(5), "The revoked key's stream is still open");
        await using var again = await program.OpenEventsAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, again.Response.StatusCode);
    }

    [Fact]
    public async Task An_idle_stream_gets_a_heartbeat_comment_and_no_event()
    {
        using var user = await app.SignedInAsync();
        await using var stream = await user.OpenEventsAsync();

        await Eventually.TrueAsync(() => Task.FromResult(stream.Comments >= 2), TimeSpan.FromSeconds(10), "No heartbeat on an idle stream");
        Assert.Empty(stream.Received);
        Assert.False(stream.Ended);
    }
}
