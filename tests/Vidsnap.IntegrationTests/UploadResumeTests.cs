using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>An interrupted multipart upload resumed through POST /api/videos/{id}/upload: only the missing parts go again.</summary>
public sealed class UploadResumeTests(SmallPartsAppFixture fixture) : IClassFixture<SmallPartsAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    private static async Task<string> SendPartAsync(JsonNode part, byte[] content)
    {
        using var client = new HttpClient();
        var (offset, size) = ((int)part["offset"]!.GetValue<long>(), (int)part["sizeBytes"]!.GetValue<long>());
        using var response = await client.PutAsync(part["url"]!.GetValue<string>(), new ByteArrayContent(content, offset, size));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    [Fact]
    public async Task A_resumed_upload_shows_the_parts_stored_and_completes_with_the_rest()
    {
        using var user = await app.SignedInAsync();
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes((2 * SmallPartsAppFixture.PartBytes) + 1000);
        var created = await user.CreateVideoAsync("big.mp4", content.Length);
        var id = created["id"]!.GetValue<string>();
        var parts = created["upload"]!["parts"]!.AsArray();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(Uri.IsWellFormedUriString(p!["url"]!.GetValue<string>(), UriKind.Absolute)));
        var first = await SendPartAsync(parts[0]!, content);

        using var resumed = await user.Http.PostAsync($"/api/videos/{id}/upload", null);
        var state = await ApiClient.Json(resumed);
        Assert.True(resumed.StatusCode == HttpStatusCode.OK, state.ToJsonString());
        Assert.Equal("AwaitingUpload", state["status"]!.GetValue<string>());
        Assert.Equal(SmallPartsAppFixture.PartBytes, state["uploadedBytes"]!.GetValue<long>());
        var renewed = state["upload"]!["parts"]!.AsArray();
        Assert.Equal([first, null, null], renewed.Select(p => p!["eTag"]?.GetValue<string>()));

        var all = new List<object> { new { partNumber = 1, eTag = first } };
        foreach (var part in renewed.Skip(1))
        {
            all.Add(new { partNumber = part!["partNumber"]!.GetValue<int>(), eTag = await SendPartAsync(part, content) });
        }

        using (var complete = await user.Http.PostAsJsonAsync($"/api/videos/{id}/complete", new { parts = all }))
        {
            Assert.True(complete.StatusCode == HttpStatusCode.Accepted, await complete.Content.ReadAsStringAsync());
        }

        using var finished = await user.Http.PostAsync($"/api/videos/{id}/upload", null);
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
        Assert.Equal("Upload finished", (await ApiClient.Json(finished))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_single_upload_that_landed_before_complete_says_so_and_another_users_video_is_not_found()
    {
        using var user = await app.SignedInAsync();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 3));
        var created = await user.CreateVideoAsync("small.mp4", bytes.Length);
        var id = created["id"]!.GetValue<string>();
        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        using (var resumed = await user.Http.PostAsync($"/api/videos/{id}/upload", null))
        {
            var state = await ApiClient.Json(resumed);
            Assert.Equal(bytes.Length, state["uploadedBytes"]!.GetValue<long>());
            Assert.Null(state["upload"]!["parts"]);
        }

        using var stranger = await app.SignedInAsync();
        using var theirs = await stranger.Http.PostAsync($"/api/videos/{id}/upload", null);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
