using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Embedded.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Storage;
using Vidsnap.StatusWorker;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Retention deletes on schedule what it promised: the source after its days, the video and every object after
/// its own, and objects whose video is gone. Days cannot pass in a test, so the rows are moved back in time.
/// </summary>
public sealed class RetentionTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_video_shows_when_it_expires_and_after_that_it_and_every_object_are_gone()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        var done = await person.WaitForStatusAsync(id, "Completed");
        var expiresAt = done["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30.1));
        Assert.True(done["outputBytes"]!.GetValue<long>() > 0);
        var (userId, videoId) = await KeysOfAsync(Guid.Parse(id));
        Assert.NotEmpty(await app.ListObjectsAsync(ObjectKeys.VideoPrefix(userId, videoId)));

        await MoveBackAsync(videoId, TimeSpan.FromDays(31));
        var pass = await app.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        Assert.True(pass.VideosDeleted >= 1, pass.ToString());
        using var gone = await person.Http.GetAsync($"/api/videos/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await app.ListObjectsAsync(ObjectKeys.VideoPrefix(userId, videoId)));
    }

    [Fact]
    public async Task The_source_goes_after_its_days_the_outputs_stay_and_a_failed_video_can_no_longer_be_retried()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await person.WaitForStatusAsync(id, "Completed");
        var (userId, videoId) = await KeysOfAsync(Guid.Parse(id));
        var source = ObjectKeys.Source(userId, videoId);
        var store = app.Services.GetRequiredService<IObjectStore>();
        Assert.NotNull(await store.GetSizeAsync(source, CancellationToken.None));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            await db.Videos().Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.SourceExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var pass = await app.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
        Assert.True(pass.SourcesDeleted >= 1, pass.ToString());
        Assert.Null(await store.GetSizeAsync(source, CancellationToken.None));
        Assert.NotNull(await store.GetSizeAsync(ObjectKeys.Frames(userId, videoId), CancellationToken.None));
        var video = await person.GetVideoAsync(id);
        Assert.Equal("Completed", video["status"]!.GetValue<string>());
        Assert.Contains(video["history"]!.AsArray(), h => h!["detail"]?.GetValue<string>()?.Contains("source deleted", StringComparison.Ordinal) == true);

        // A failed video whose source is gone has nothing to retry with.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            await db.Videos().Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, Vidsnap.Contracts.VideoStatus.Failed).SetProperty(v => v.Version, Guid.NewGuid()));
        }

        using var retry = await person.CompleteAsync(id);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
    }

    [Fact]
    public async Task Objects_whose_video_is_gone_are_removed_once_they_are_older_than_the_grace()
    {
        var store = app.Services.GetRequiredService<LocalObjectStore>();
        var orphan = ObjectKeys.Source(Guid.NewGuid(), Guid.NewGuid());
        var fresh = ObjectKeys.Source(Guid.NewGuid(), Guid.NewGuid());
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "late upload");
            await store.UploadFileAsync(orphan, file, "video/mp4", CancellationToken.None);
            await store.UploadFileAsync(fresh, file, "video/mp4", CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }

        // Landed two hours ago, after its video was deleted; the other one may be a video being created now.
        File.SetLastWriteTimeUtc(store.PathOf(orphan), DateTime.UtcNow.AddHours(-2));
        var pass = await app.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        Assert.True(pass.OrphansDeleted >= 1, pass.ToString());
        Assert.Null(await store.GetSizeAsync(orphan, CancellationToken.None));
        Assert.NotNull(await store.GetSizeAsync(fresh, CancellationToken.None));
    }

    private async Task<(Guid UserId, Guid VideoId)> KeysOfAsync(Guid videoId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var userId = await db.Videos().Where(v => v.Id == videoId).Select(v => v.UserId).SingleAsync();
        return (userId, videoId);
    }

    private async Task MoveBackAsync(Guid videoId, TimeSpan by)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var expiresAt = await db.Videos().Where(v => v.Id == videoId).Select(v => v.ExpiresAt).SingleAsync();
        await db.Videos().Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, expiresAt!.Value - by));
    }
}
