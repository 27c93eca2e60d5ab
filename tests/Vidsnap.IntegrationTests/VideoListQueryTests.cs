using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vidsnap.Api;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.IntegrationTests.Distributed;
using Vidsnap.Platform.Data;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>GET /api/videos narrowed by status and file name and ordered either way, paging through the API.</summary>
public sealed class VideoListQueryTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    private static async Task<List<string>> NamesAsync(ApiClient user, string query) =>
        (await ApiClient.Json(await user.Http.GetAsync($"/api/videos?{query}")))["items"]!.AsArray().Select(v => v!["fileName"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Status_filter_answers_only_videos_in_that_state_in_any_case()
    {
        using var user = await app.SignedInAsync();
        await user.CreateVideoAsync("waiting-1.mp4", 100);
        await user.CreateVideoAsync("waiting-2.mp4", 100);
        var failedId = await user.SubmitAsync(await TestVideos.RandomBytesAsync());
        await user.WaitForStatusAsync(failedId, "Failed");

        var failed = (await ApiClient.Json(await user.Http.GetAsync("/api/videos?status=failed")))["items"]!.AsArray();
        Assert.Equal([failedId], failed.Select(v => v!["id"]!.GetValue<string>()));
        Assert.Equal(["waiting-2.mp4", "waiting-1.mp4"], await NamesAsync(user, "status=AwaitingUpload"));
        Assert.Empty(await NamesAsync(user, "status=Completed"));
        Assert.Equal(3, (await NamesAsync(user, "status=")).Count);
    }

    [Fact]
    public async Task Search_matches_part_of_the_name_ignoring_case_and_takes_percent_and_underscore_literally()
    {
        using var user = await app.SignedInAsync();
        foreach (var name in new[] { "100% real_clip.mp4", "1000 realxclip.mp4", "Beach Day.MP4", "other.mp4" })
        {
            await user.CreateVideoAsync(name, 100);
        }

        Assert.Equal(["100% real_clip.mp4"], await NamesAsync(user, "search=" + Uri.EscapeDataString("0% real_")));
        Assert.Equal(["100% real_clip.mp4"], await NamesAsync(user, "search=" + Uri.EscapeDataString("_clip")));
        Assert.Equal(["Beach Day.MP4"], await NamesAsync(user, "search=bEACH%20d"));
        Assert.Equal(["other.mp4", "Beach Day.MP4", "1000 realxclip.mp4"], await NamesAsync(user, "search=" + Uri.EscapeDataString(".mp4") + "&status=awaitingupload&limit=3"));
        Assert.Empty(await NamesAsync(user, "search=nothing-like-this"));

        using var tooLong = await user.Http.GetAsync("/api/videos?search=" + new string('a', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("search", (await ApiClient.Json(tooLong))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Both_orders_page_across_two_pages_without_gaps_or_repeats()
    {
        using var user = await app.SignedInAsync();
        for (var i = 0; i < 5; i++)
        {
            await user.CreateVideoAsync($"clip-{i}.mp4", 100);
        }

        async Task<(List<string> Names, string? Next)> PageAsync(string query)
        {
            var page = await ApiClient.Json(await user.Http.GetAsync($"/api/videos?{query}"));
            return (page["items"]!.AsArray().Select(v => v!["fileName"]!.GetValue<string>()).ToList(), page["nextCursor"]?.GetValue<string>());
        }

        var oldest = await PageAsync("order=oldest&limit=3&search=clip");
        Assert.Equal(["clip-0.mp4", "clip-1.mp4", "clip-2.mp4"], oldest.Names);
        var oldestRest = await PageAsync($"order=OLDEST&limit=3&search=clip&cursor={oldest.Next}");
        Assert.Equal(["clip-3.mp4", "clip-4.mp4"], oldestRest.Names);
        Assert.Null(oldestRest.Next);

        var newest = await PageAsync("limit=3");
        Assert.Equal(["clip-4.mp4", "clip-3.mp4", "clip-2.mp4"], newest.Names);
        var newestRest = await PageAsync($"order=newest&limit=3&cursor={newest.Next}");
        Assert.Equal(["clip-1.mp4", "clip-0.mp4"], newestRest.Names);
        Assert.Null(newestRest.Next);

        // A cursor continues the list it came from; in the other order it would skip the wrong half.
        using var mixed = await user.Http.GetAsync($"/api/videos?order=oldest&limit=3&cursor={newest.Next}");
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
    }

    [Theory]
    [InlineData("status=Done")]
    [InlineData("status=1")]
    [InlineData("status=Queued,Failed")]
    [InlineData("order=sideways")]
    public async Task Unknown_status_or_order_is_a_problem_naming_the_parameter(string query)
    {
        using var user = await app.SignedInAsync();
        using var response = await user.Http.GetAsync($"/api/videos?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject();
        Assert.Equal(query.Split('=')[0], Assert.Single(errors).Key);
        if (query.StartsWith("status", StringComparison.Ordinal))
        {
            Assert.Contains("Completed", errors["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Client_library_passes_the_filter()
    {
        using var user = await app.SignedInAsync();
        await user.CreateVideoAsync("first_one.mp4", 100);
        await user.CreateVideoAsync("second.mp4", 100);
        using var client = new Vidsnap.Client.VidsnapClient(new Vidsnap.Client.VidsnapClientOptions { BaseAddress = app.ClientOptions.BaseAddress, ApiKey = await user.CreateApiKeyAsync("videos:read") });

        var page = await client.ListVideosAsync(new Vidsnap.Client.Models.VideoListFilter(Vidsnap.Client.Models.VideoStatus.AwaitingUpload, "_ONE", OldestFirst: true), limit: 5);
        Assert.Equal(["first_one.mp4"], page.Items.Select(v => v.FileName));
        var both = await client.ListVideosAsync(new Vidsnap.Client.Models.VideoListFilter(OldestFirst: true), limit: 5);
        Assert.Equal(["first_one.mp4", "second.mp4"], both.Items.Select(v => v.FileName));
    }
}

/// <summary>The list's query in the database itself, on both providers: videos made in the same tick page once each, either way, and search translates.</summary>
public abstract class VideoListDatabaseTests : IAsyncLifetime
{
    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected abstract VidsnapDbContext Open();

    [Fact]
    public async Task Videos_of_one_tick_page_once_each_in_both_orders_and_search_is_literal()
    {
        var user = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var names = new[] { "a%b_c.mp4", "axbxc.mp4", "A%B_C second.MP4", "plain.mp4", "queued.mp4" };
        await using (var db = Open())
        {
            foreach (var name in names)
            {
                var video = Video.Create(user, "a@example.com", name, "video/mp4", 1, new ExtractionOptions(), new Retention(7, 30), at);
                if (name == "queued.mp4")
                {
                    video.Queue(at);
                }

                db.Videos().Add(video);
            }

            await db.SaveChangesAsync();
        }

        foreach (var order in new[] { VideoListOrder.Newest, VideoListOrder.Oldest })
        {
            var seen = new List<Guid>();
            PagePosition? after = null;
            for (var pageNumber = 0; pageNumber < 5; pageNumber++)
            {
                await using var db = Open();
                var page = await new VideoListQuery(null, null, order).Apply(db.Videos().Where(v => v.UserId == user), after).Take(2).ToListAsync();
                seen.AddRange(page.Select(v => v.Id));
                if (page.Count < 2)
                {
                    break;
                }

                // Through the cursor's text, as a client carries it.
                Assert.True(PageCursor.TryDecodePosition(PageCursor.Encode(new PagePosition(page[^1].CreatedAt, page[^1].Id, order)), out var position));
                after = position;
            }

            Assert.Equal(names.Length, seen.Distinct().Count());
            Assert.Equal(names.Length, seen.Count);
        }

        await using (var db = Open())
        {
            var newest = await new VideoListQuery(null, null, VideoListOrder.Newest).Apply(db.Videos().Where(v => v.UserId == user), null).Select(v => v.Id).ToListAsync();
            var oldest = await new VideoListQuery(null, null, VideoListOrder.Oldest).Apply(db.Videos().Where(v => v.UserId == user), null).Select(v => v.Id).ToListAsync();
            Assert.Equal(newest, Enumerable.Reverse(oldest));

            var literal = await new VideoListQuery(null, "%b_", VideoListOrder.Oldest).Apply(db.Videos().Where(v => v.UserId == user), null).Select(v => v.FileName).ToListAsync();
            Assert.Equal(["A%B_C second.MP4", "a%b_c.mp4"], literal.Order(StringComparer.Ordinal));
            var queued = await new VideoListQuery(VideoStatus.Queued, null, VideoListOrder.Newest).Apply(db.Videos().Where(v => v.UserId == user), null).Select(v => v.FileName).ToListAsync();
            Assert.Equal(["queued.mp4"], queued);
        }
    }
}

public sealed class SqliteVideoListDatabaseTests : VideoListDatabaseTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-list-").FullName;

    public override async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override VidsnapDbContext Open() =>
        TestDatabases.Sqlite($"Data Source={Path.Combine(directory, "test.db")};Pooling=false");
}

[Collection(LocalServicesCollection.Name)]
public sealed class PostgresVideoListDatabaseTests(LocalServices services) : VideoListDatabaseTests
{
    private readonly string database = $"t{Guid.NewGuid():N}";

    public override async Task InitializeAsync()
    {
        await services.CreateDatabaseAsync(database);
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync() => services.DropDatabaseAsync(database);

    protected override VidsnapDbContext Open() =>
        TestDatabases.Postgres(services.PostgresConnectionString(database));
}
