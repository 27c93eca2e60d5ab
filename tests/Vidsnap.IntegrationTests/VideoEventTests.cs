using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Api.Events;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Testing;
using Xunit.Abstractions;

namespace Vidsnap.IntegrationTests;

/// <summary>The live events of videos (Server-Sent Events), through real HTTP on the embedded system.</summary>
public sealed class VideoEventTests(VidsnapAppFixture fixture, ITestOutputHelper output) : IClassFixture<VidsnapAppFixture>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);
    private readonly VidsnapApp app = fixture.App;

    /// <summary>Long enough to report progress several times (about once a second while it runs).</summary>
    private static async Task<byte[]> LongVideoAsync() => await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 40, width: 640, height: 360));

    private static readonly object EveryTenthOfASecond = new { mode = "interval", intervalSeconds = 0.1, maxFrames = 1000 };

    [Fact]
    public async Task A_videos_stream_shows_its_progress_and_completed_each_within_a_second_of_the_change_being_saved()
    {
        using var user = await app.SignedInAsync();
        var bytes = await LongVideoAsync();
        var created = await user.CreateVideoAsync("live.mp4", bytes.Length, EveryTenthOfASecond);
        var id = created["id"]!.GetValue<string>();

        await using var stream = await user.OpenEventsAsync(id);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoStore, stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(stream.Response.Headers.GetValues("X-Accel-Buffering")));
        var current = await stream.NextAsync();
        Assert.Equal(("video", id, "AwaitingUpload"), (current.Type, current.VideoId, current.Status));

        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        using (await user.CompleteAsync(id))
        {
        }

        var events = await stream.ReadUntilAsync(e => e.Status is "Completed" or "Failed", TimeSpan.FromSeconds(120));
        var done = events[^1];
        Assert.True(done.Status == "Completed", EventStream.Describe(events));
        Assert.Equal((100, 400), (done.Progress, done.Json["frameCount"]!.GetValue<int>()));
        Assert.Equal(["Queued", "Processing"], events.Select(e => e.Status).Distinct().Take(2));
        var progress = events.Where(e => e.Status == "Processing" && e.Progress is > 0 and < 100).ToList();
        Assert.True(progress.Count >= 2, $"Expected progress events while it ran: {EventStream.Describe(events)}");
        Assert.Equal(progress.Select(e => e.Progress), progress.Select(e => e.Progress).Order());
        Assert.Equal(events.Select(e => e.NumericId), events.Select(e => e.NumericId).Order());

        // Each event arrived within a second of its change (updatedAt is set just before the change is saved).
        output.WriteLine($"Lag per event (ms): {string.Join(", ", events.Select(e => (int)(e.ReceivedAt - e.ChangedAt!.Value).TotalMilliseconds))}");
        var late = events.Where(e => e.ReceivedAt - e.ChangedAt!.Value >= WithinASecond).ToList();
        Assert.True(late.Count == 0, $"Late: {string.Join(", ", late.Select(e => $"{e.Status} {e.Progress}% after {(e.ReceivedAt - e.ChangedAt!.Value).TotalMilliseconds} ms"))}");

        // The last event is what GET shows.
        var shown = await user.GetVideoAsync(id);
        Assert.Equal(
            (shown["status"]!.GetValue<string>(), shown["progress"]!.GetValue<int>(), shown["updatedAt"]!.GetValue<DateTimeOffset>()),
            (done.Status!, done.Progress!.Value, done.ChangedAt!.Value));
    }

    [Fact]
    public async Task A_reconnect_with_last_event_id_misses_nothing_by_header_or_query()
    {
        using var user = await app.SignedInAsync();
        string resumeFrom;
        List<ServerSentEvent> before;
        string id;
        await using (var first = await user.OpenEventsAsync())
        {
            Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
            id = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 40, width: 640, height: 360), EveryTenthOfASecond);
            before = await first.ReadUntilAsync(e => e.Status == "Processing" && e.Progress > 0, TimeSpan.FromSeconds(60));
            resumeFrom = first.LastEventId!;
        }

        // Away while the rest happens.
        await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(120));

        await using var resumed = await user.OpenEventsAsync(lastEventId: resumeFrom);
        var after = await resumed.ReadUntilAsync(e => e.Status == "Completed");
        await using var byQuery = await EventStream.OpenAsync(user.Http, $"/api/videos/events?lastEventId={resumeFrom}");
        var afterByQuery = await byQuery.ReadUntilAsync(e => e.Status == "Completed");

        // Exactly the changes logged after that id, in order; with what came before, every change of the video.
        var logged = await ChangesOfAsync(id);
        var missed = logged.Where(c => c.Id > long.Parse(resumeFrom, System.Globalization.CultureInfo.InvariantCulture)).Select(c => (c.Status, c.Progress)).ToList();
        Assert.True(missed.Count >= 2, $"The test should resume mid-way; missed only {missed.Count}");
        Assert.Equal(missed, after.Select(e => (e.Status!, e.Progress!.Value)));
        Assert.Equal(missed, afterByQuery.Select(e => (e.Status!, e.Progress!.Value)));
        Assert.Equal(logged.Select(c => (c.Status, c.Progress)), before.Concat(after).Select(e => (e.Status!, e.Progress!.Value)));
    }

    [Fact]
    public async Task A_first_connection_starts_with_each_videos_state_then_follows_creations_and_deletions()
    {
        using var user = await app.SignedInAsync();
        var older = (await user.CreateVideoAsync("older.mp4", 1000))["id"]!.GetValue<string>();
        var newer = (await user.CreateVideoAsync("newer.mp4", 1000))["id"]!.GetValue<string>();

        await using var stream = await user.OpenEventsAsync();
        var state = new[] { await stream.NextAsync(), await stream.NextAsync() };
        Assert.Equal([newer, older], state.Select(e => e.VideoId));
        Assert.All(state, e => Assert.Equal(("video", "AwaitingUpload", state[0].Id), (e.Type, e.Status, e.Id)));

        using (var delete = await user.Http.DeleteAsync($"/api/videos/{older}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var deleted = await stream.NextAsync(WithinASecond * 5);
        Assert.Equal(("deleted", older), (deleted.Type, deleted.VideoId));
        var third = (await user.CreateVideoAsync("third.mp4", 1000))["id"]!.GetValue<string>();
        var created = await stream.NextAsync(WithinASecond * 5);
        Assert.Equal(("video", third, "AwaitingUpload"), (created.Type, created.VideoId, created.Status));
        Assert.True(created.NumericId > deleted.NumericId && deleted.NumericId > state[0].NumericId);
    }

    [Fact]
    public async Task With_no_stream_open_the_feed_does_not_read_the_log_and_the_next_stream_starts_from_the_current_state()
    {
        var feed = app.Services.GetRequiredService<VideoChangeFeed>();
        using var user = await app.SignedInAsync();
        var idle = await ReadsOnceQuietAsync(feed);

        // A save here wakes the feed at once; with no stream to read for, it goes back to sleep without a query.
        var madeWhileIdle = (await user.CreateVideoAsync("while-idle.mp4", 1000))["id"]!.GetValue<string>();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(idle, feed.Reads);

        await using (var stream = await user.OpenEventsAsync())
        {
            var state = await stream.NextAsync();
            Assert.Equal(("video", madeWhileIdle, "AwaitingUpload"), (state.Type, state.VideoId, state.Status));
            var next = (await user.CreateVideoAsync("while-open.mp4", 1000))["id"]!.GetValue<string>();
            var created = await stream.NextAsync(WithinASecond * 5);
            Assert.Equal(("video", next, "AwaitingUpload"), (created.Type, created.VideoId, created.Status));
            Assert.True(feed.Reads > idle, "The feed should read while a stream is open");
        }

        // Once the stream has gone, the feed stops again.
        var afterwards = await ReadsOnceQuietAsync(feed);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(afterwards, feed.Reads);
    }

    /// <summary>The feed's read count once it has stopped moving: a stream of an earlier test may take a moment to close.</summary>
    private static async Task<long> ReadsOnceQuietAsync(VideoChangeFeed feed)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline;)
        {
            var reads = feed.Reads;
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (feed.Reads == reads)
            {
                return reads;
            }
        }

        Assert.Fail($"The change feed kept reading with no stream open ({feed.Reads} reads)");
        return 0;
    }

    [Fact]
    public async Task Another_users_video_is_404_and_their_changes_never_reach_my_stream()
    {
        using var owner = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        await using var mine = await other.OpenEventsAsync();
        var id = (await owner.CreateVideoAsync("private.mp4", 1000))["id"]!.GetValue<string>();

        await using (var refused = await other.OpenEventsAsync(id))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.Response.StatusCode);
            Assert.Equal("application/problem+json", refused.Response.Content.Headers.ContentType?.MediaType);
        }

        await using (var refused = await other.OpenEventsAsync(id, lastEventId: "0"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.Response.StatusCode);
        }

        await owner.Http.DeleteAsync($"/api/videos/{id}");

        // The feed hands changes out in the order they were logged: the other user's own change comes first.
        var own = (await other.CreateVideoAsync("mine.mp4", 1000))["id"]!.GetValue<string>();
        Assert.Equal(own, (await mine.NextAsync()).VideoId);
        Assert.Single(mine.Received);
    }

    [Fact]
    public async Task A_deleted_video_is_404_to_a_new_stream_but_a_resumed_one_learns_it_was_deleted()
    {
        using var user = await app.SignedInAsync();
        var id = (await user.CreateVideoAsync("gone.mp4", 1000))["id"]!.GetValue<string>();
        string last;
        await using (var stream = await user.OpenEventsAsync(id))
        {
            await stream.NextAsync();
            last = stream.LastEventId!;
        }

        await user.Http.DeleteAsync($"/api/videos/{id}");

        await using (var fresh = await user.OpenEventsAsync(id))
        {
            Assert.Equal(HttpStatusCode.NotFound, fresh.Response.StatusCode);
        }

        await using var resumed = await user.OpenEventsAsync(id, last);
        var deleted = await resumed.NextAsync();
        Assert.Equal(("deleted", id), (deleted.Type, deleted.VideoId));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_last_event_id_that_is_not_one_is_a_400_naming_it(string lastEventId)
    {
        using var user = await app.SignedInAsync();
        await using var stream = await user.OpenEventsAsync(lastEventId: lastEventId);

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        Assert.Contains("lastEventId", await stream.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_past_their_retention_are_pruned_and_a_client_that_missed_them_starts_again_from_the_current_state()
    {
        using var user = await app.SignedInAsync();
        var first = (await user.CreateVideoAsync("first.mp4", 1000))["id"]!.GetValue<string>();
        var firstChange = Assert.Single(await ChangesOfAsync(first)).Id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // As if made two days ago; the retention is a day.
            await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().VideoChanges().Where(c => c.Id <= firstChange)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.At, DateTimeOffset.UtcNow.AddDays(-2)));
        }

        var second = (await user.CreateVideoAsync("second.mp4", 1000))["id"]!.GetValue<string>();
        Assert.True(await app.Services.GetRequiredService<VideoChangePruner>().PruneAsync(CancellationToken.None) >= 1);
        Assert.Empty(await ChangesOfAsync(first));
        Assert.Single(await ChangesOfAsync(second));

        // What came after that id is no longer all in the log: no replay, but each video as it is now, newest first.
        await using var stream = await user.OpenEventsAsync(lastEventId: (firstChange - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var state = new[] { await stream.NextAsync(), await stream.NextAsync() };
        Assert.Equal([second, first], state.Select(e => e.VideoId));
        Assert.All(state, e => Assert.Equal("AwaitingUpload", e.Status));
    }

    private async Task<List<(long Id, string Status, int Progress)>> ChangesOfAsync(string videoId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var id = Guid.Parse(videoId);
        var changes = await db.VideoChanges().AsNoTracking().Where(c => c.VideoId == id).OrderBy(c => c.Id).ToListAsync();
        return [.. changes.Select(c => (c.Id, c.Status.ToString(), c.Progress))];
    }
}
