using System.Net;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>What the web app shows beside the zip (storyboard, contact sheet) and deleting a video.</summary>
public sealed class VideoExtrasAndDeleteTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_completed_video_serves_its_storyboard_with_signed_sprites_and_its_contact_sheet_to_its_owner_only()
    {
        using var owner = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 4));
        using (var early = await owner.Http.GetAsync($"/api/videos/{id}/storyboard"))
        {
            Assert.True(early.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.OK);
        }

        await owner.WaitForStatusAsync(id, "Completed");

        using var storyboard = await owner.Http.GetAsync($"/api/videos/{id}/storyboard");
        Assert.Equal(HttpStatusCode.OK, storyboard.StatusCode);
        Assert.Equal("text/vtt", storyboard.Content.Headers.ContentType?.MediaType);
        var vtt = await storyboard.Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        var spriteUrl = vtt.Split('\n').First(l => l.StartsWith("http", StringComparison.Ordinal)).Split('#')[0];
        using var anonymous = new HttpClient();
        var sprite = await anonymous.GetByteArrayAsync(spriteUrl);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, sprite[..3]);

        using var sheet = await owner.Http.GetAsync($"/api/videos/{id}/contact-sheet");
        var sheetUrl = (await ApiClient.Json(sheet))["url"]!.GetValue<string>();
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, (await anonymous.GetByteArrayAsync(sheetUrl))[..3]);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/videos/{id}/storyboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/videos/{id}/contact-sheet")).StatusCode);
    }

    [Fact]
    public async Task Delete_is_owner_only_removes_the_stored_objects_and_a_second_delete_finds_nothing()
    {
        using var owner = await app.SignedInAsync();
        using var other = await app.SignedInAsync();
        var id = await owner.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await owner.WaitForStatusAsync(id, "Completed");
        var zipUrl = (await ApiClient.Json(await owner.Http.GetAsync($"/api/videos/{id}/download")))["url"]!.GetValue<string>();

        using (var foreign = await other.Http.DeleteAsync($"/api/videos/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var deleted = await owner.Http.DeleteAsync($"/api/videos/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.DeleteAsync($"/api/videos/{id}")).StatusCode);
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(zipUrl)).StatusCode);
        var userFolders = Directory.GetDirectories(Path.Combine(app.DataDirectory, "objects", "users"));
        Assert.DoesNotContain(userFolders.SelectMany(u => Directory.GetDirectories(Path.Combine(u, "videos"))), d => d.EndsWith(Guid.Parse(id).ToString("N"), StringComparison.Ordinal));
    }
}
