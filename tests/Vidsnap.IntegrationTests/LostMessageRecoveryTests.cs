using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.StatusWorker;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Messages lost by the queue itself (a queue server restarted without its state): the sweeper sends them again.</summary>
public sealed class LostMessageRecoveryTests : IDisposable
{
    private readonly VidsnapApp app = new(new Dictionary<string, string> { ["Recovery:IntervalSeconds"] = "1" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_queued_video_whose_job_was_lost_is_processed_and_mailed_once()
    {
        using var user = await app.SignedInAsync();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 3));
        var created = await user.CreateVideoAsync("lost.mp4", bytes.Length);
        (await user.UploadAsync(created, bytes)).Dispose();
        var id = Guid.Parse(created["id"]!.GetValue<string>());

        // Queued an hour ago, as `complete` leaves it, but with no job anywhere: the message was lost.
        await BackdateAsync(id, attempt: 1, VideoStatus.Queued);

        var done = await user.WaitForStatusAsync(id.ToString(), "Completed", TimeSpan.FromSeconds(60));
        Assert.Equal(3, done["frameCount"]!.GetValue<int>());
        await Eventually.SingleFileAsync(app.MailDirectory, $"{id:N}-1-Completed.eml");
        Assert.Equal(0, await app.Services.GetRequiredService<StalledVideoSweeper>().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_video_whose_email_request_was_lost_gets_its_email_once()
    {
        using var user = await app.SignedInAsync();
        var id = Guid.Parse(await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 2)));
        await user.WaitForStatusAsync(id.ToString(), "Completed");
        await Eventually.SingleFileAsync(app.MailDirectory, $"{id:N}-1-Completed.eml");

        // The same video finished again, attempt 2, with its email request lost and the video last touched an hour ago.
        await BackdateAsync(id, attempt: 2);
        await Eventually.SingleFileAsync(app.MailDirectory, $"{id:N}-2-Completed.eml", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Directory.GetFiles(app.MailDirectory, $"{id:N}-*.eml"), f => f.Contains("-2-", StringComparison.Ordinal));
        Assert.Equal(0, await app.Services.GetRequiredService<StalledVideoSweeper>().SweepAsync(CancellationToken.None));
    }

    /// <summary>Rewrites the row as a lost message would leave it, last touched an hour ago, as no transition of the video would.</summary>
    private async Task BackdateAsync(Guid id, int attempt, VideoStatus? status = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var current = await db.Videos().AsNoTracking().Where(v => v.Id == id).Select(v => v.Status).SingleAsync();
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        await db.Videos().Where(v => v.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Status, status ?? current)
            .SetProperty(v => v.Attempt, attempt)
            .SetProperty(v => v.UpdatedAt, hourAgo)
            .SetProperty(v => v.Version, Guid.NewGuid()));
    }
}
