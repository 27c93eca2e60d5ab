using System.Net;
using Vidsnap.IntegrationTests.Support;

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

        foreach (var (method, path) in new[] { ("GET", $"/api/videos/{id}"), ("POST", $"/api/videos/{id}/complete"), ("GET", $"/api/videos/{id}/download") })
        {
            using var response = await other.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var list = await ApiClient.Json(await other.Http.GetAsync("/api/videos"));
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/videos/{id}/download")).StatusCode);
    }
}
