using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Embedded.Queues;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Every queue delivers at least once: each message sent again, and status events out of order, change nothing.</summary>
public sealed class RedeliveryTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_job_status_event_and_notification_delivered_again_leave_one_zip_one_state_and_one_email()
    {
        using var user = await app.SignedInAsync();
        var id = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 3), new { mode = "interval", intervalSeconds = 1 });
        var done = await user.WaitForStatusAsync(id, "Completed");
        var mail = await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml");
        var firstMail = await File.ReadAllBytesAsync(mail);

        Video video;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            video = await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Videos().AsNoTracking().SingleAsync(v => v.Id == Guid.Parse(id));
        }

        var publisher = app.Services.GetRequiredService<MessagePublisher>();
        var options = new ExtractionOptions { IntervalSeconds = 1, MaxFrames = 1000 };
        await publisher.PublishAsync(new VideoJob(Guid.NewGuid(), video.Id, video.UserId, video.Attempt, video.SourceKey, video.OutputKey, options), CancellationToken.None);
        foreach (var kind in new[] { VideoEventKind.Completed, VideoEventKind.Processing, VideoEventKind.Failed })
        {
            await publisher.PublishAsync(new VideoStatusEvent(Guid.NewGuid(), video.Id, video.Attempt, kind, DateTimeOffset.UtcNow, FrameCount: 99, Error: "late"), CancellationToken.None);
        }

        await publisher.PublishAsync(
            new NotificationRequest(Guid.NewGuid(), video.Id, video.Attempt, VideoStatus.Completed, video.OwnerEmail, video.FileName, 3, null), CancellationToken.None);

        // Wait until every queue is empty: the redelivered job has run again and its events are applied.
        var queue = app.Services.GetRequiredService<SqliteMessageQueue>();
        await WaitForEmptyQueuesAsync();
        var after = await user.GetVideoAsync(id);
        Assert.Equal("Completed", after["status"]!.GetValue<string>());
        Assert.Equal(3, after["frameCount"]!.GetValue<int>());
        Assert.Null(after["error"]);
        Assert.Equal(done["history"]!.ToJsonString(), after["history"]!.ToJsonString());
        Assert.Single(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml"));
        Assert.Equal(firstMail, await File.ReadAllBytesAsync(mail));
        Assert.Equal(0, await queue.CountDeadLettersAsync(QueueNames.VideoJobs, CancellationToken.None));
    }

    [Fact]
    public async Task An_attempts_status_events_each_delivered_twice_in_reverse_order_make_one_change_and_one_email()
    {
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("reversed.mp4", 1000);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        // Queued by hand, with no job: only the events below move it.
        await app.MarkQueuedWithoutJobAsync(id);

        var at = DateTimeOffset.UtcNow;
        VideoStatusEvent[] inOrder =
        [
            new(Guid.NewGuid(), id, 1, VideoEventKind.Processing, at),
            new(Guid.NewGuid(), id, 1, VideoEventKind.Progress, at.AddSeconds(1), Progress: 40),
            new(Guid.NewGuid(), id, 1, VideoEventKind.Progress, at.AddSeconds(2), Progress: 80),
            new(Guid.NewGuid(), id, 1, VideoEventKind.Completed, at.AddSeconds(3), FrameCount: 5),
        ];
        var publisher = app.Services.GetRequiredService<MessagePublisher>();
        foreach (var message in inOrder.Reverse())
        {
            await publisher.PublishAsync(message, CancellationToken.None);
            await publisher.PublishAsync(message, CancellationToken.None);
        }

        await WaitForEmptyQueuesAsync();
        var video = await user.GetVideoAsync(id.ToString());
        Assert.Equal("Completed", video["status"]!.GetValue<string>());
        Assert.Equal(5, video["frameCount"]!.GetValue<int>());
        Assert.Single(video["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");
        Assert.DoesNotContain(video["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Processing");
        await Eventually.SingleFileAsync(app.MailDirectory, $"{id:N}-*.eml");
    }

    private async Task WaitForEmptyQueuesAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
            if (!await db.Set<QueueMessage>().AnyAsync() && !await db.Set<OutboxMessage>().AnyAsync())
            {
                // One more beat for a handler that has deleted its message but not finished its side effects.
                await Task.Delay(500);
                if (!await db.Set<QueueMessage>().AnyAsync() && !await db.Set<OutboxMessage>().AnyAsync())
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The queues did not drain.");
            await Task.Delay(200);
        }
    }
}
