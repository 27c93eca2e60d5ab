using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>A system that holds only an API key: what it may do, what it may not, and how fast a revoked key stops.</summary>
public sealed class ApiKeyTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_acts_for_its_owner()
    {
        using var person = await app.SignedInAsync();
        using var created = await person.Http.PostAsJsonAsync("/api/keys", new { name = "ci pipeline", scopes = new[] { "videos:read", "videos:write" } });
        var body = await ApiClient.Json(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = body["secret"]!.GetValue<string>();
        Assert.StartsWith("vsk_", secret, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(secret[4..].Replace('-', '+').Replace('_', '/') + "=").Length >= 32, "at least 256 random bits");

        var list = await ApiClient.Json(await person.Http.GetAsync("/api/keys"));
        var listed = Assert.Single(list.AsArray());
        Assert.Equal("ci pipeline", listed!["name"]!.GetValue<string>());
        Assert.Equal(secret[..10], listed["prefix"]!.GetValue<string>());
        Assert.DoesNotContain(secret, list.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(listed["lastUsedAt"]);

        using var system = person.WithApiKey(secret);
        var id = await system.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await system.WaitForStatusAsync(id, "Completed");
        using var zip = new ZipArchive(new MemoryStream(await system.DownloadZipAsync(id)));
        Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));

        // The key's videos are its owner's, and the key's use is recorded.
        Assert.Equal("Completed", (await person.GetVideoAsync(id))["status"]!.GetValue<string>());
        var used = Assert.Single((await ApiClient.Json(await person.Http.GetAsync("/api/keys"))).AsArray());
        Assert.NotNull(used!["lastUsedAt"]);
    }

    [Fact]
    public async Task A_read_only_key_reads_but_cannot_create_and_no_key_can_make_or_list_keys()
    {
        using var person = await app.SignedInAsync();
        var existing = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        using var reader = person.WithApiKey(await person.CreateApiKeyAsync("videos:read"));

        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync($"/api/videos/{existing}")).StatusCode);
        using var create = await reader.Http.PostAsJsonAsync("/api/videos", new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10 });
        await AssertMissingScopeAsync(create, "videos:write");

        using var writer = person.WithApiKey(await person.CreateApiKeyAsync("videos:read", "videos:write", "webhooks:manage"));
        await AssertMissingScopeAsync(await writer.Http.GetAsync("/api/keys"), "keys:manage");
        await AssertMissingScopeAsync(await writer.Http.PostAsJsonAsync("/api/keys", new { name = "escalate", scopes = new[] { "videos:read" } }), "keys:manage");
    }

    [Fact]
    public async Task A_key_cannot_be_given_a_scope_keys_do_not_have()
    {
        using var person = await app.SignedInAsync();

        using var response = await person.Http.PostAsJsonAsync("/api/keys", new { name = "too much", scopes = new[] { "keys:manage" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("keys:manage", (await ApiClient.Json(response))["errors"]!["scopes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_within_five_seconds_and_unknown_keys_are_401()
    {
        using var person = await app.SignedInAsync();
        using var created = await person.Http.PostAsJsonAsync("/api/keys", new { name = "to revoke", scopes = new[] { "videos:read" } });
        var key = await ApiClient.Json(created);
        using var system = person.WithApiKey(key["secret"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync("/api/videos")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await person.Http.DeleteAsync($"/api/keys/{key["id"]}")).StatusCode);
        var clock = Stopwatch.StartNew();
        while ((await system.Http.GetAsync("/api/videos")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5.5), "the revoked key still works after 5 s");
            await Task.Delay(100);
        }

        Assert.Empty((await ApiClient.Json(await person.Http.GetAsync("/api/keys"))).AsArray());
        using var forged = person.WithApiKey("vsk_" + new string('A', 43));
        using var unknown = await forged.Http.GetAsync("/api/videos");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var malformed = person.WithApiKey("vsk_short");
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.Http.GetAsync("/api/videos")).StatusCode);
    }

    [Fact]
    public async Task Another_persons_key_sees_none_of_my_videos_and_cannot_revoke_my_keys()
    {
        using var owner = await app.SignedInAsync();
        using var stranger = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        using var strangerKey = stranger.WithApiKey(await stranger.CreateApiKeyAsync("videos:read", "videos:write"));
        await owner.CreateApiKeyAsync("videos:read");
        var mine = Assert.Single((await ApiClient.Json(await owner.Http.GetAsync("/api/keys"))).AsArray())!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await strangerKey.Http.GetAsync($"/api/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerKey.Http.DeleteAsync($"/api/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/keys/{mine}")).StatusCode);
        Assert.Single((await ApiClient.Json(await owner.Http.GetAsync("/api/keys"))).AsArray());
    }

    private static async Task AssertMissingScopeAsync(HttpResponseMessage response, string scope)
    {
        using (response)
        {
            var problem = await ApiClient.Json(response);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(scope, problem["missingScope"]!.GetValue<string>());
            Assert.Contains(scope, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
