using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Embedded.Queues;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>An app whose video jobs are tried three times, again at once: poison reaches the dead letters in seconds.</summary>
public sealed class PoisonAppFixture : IDisposable
{
    public const int MaxReceiveCount = 3;

    public VidsnapApp App { get; } = new(new Dictionary<string, string>
    {
        ["Queues:MaxReceiveCount"] = $"{MaxReceiveCount}",
        [$"Consumers:{QueueNames.VideoJobs}:RetryDelaySeconds"] = "0",
    });

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Messages the video worker can never succeed with go to the dead-letter queue after Queues:MaxReceiveCount
/// receives, the video (when there is one) ends Failed with a reason, and the next jobs still run.
/// </summary>
public sealed class PoisonMessageTests(PoisonAppFixture fixture) : IClassFixture<PoisonAppFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Bodies_that_are_not_a_job_are_dead_lettered_and_the_worker_goes_on()
    {
        var queue = app.Services.GetRequiredService<IMessageQueue>();
        string[] garbage = ["{not json", "null", "[1,2,3]", """{"videoId":"not-a-guid","attempt":"x"}""", "\u0000\u00ff"];
        foreach (var body in garbage)
        {
            await queue.SendAsync(QueueNames.VideoJobs, body, CancellationToken.None);
        }

        var clock = Stopwatch.StartNew();
        var dead = await WaitForDeadLettersAsync(letters => garbage.All(g => letters.Any(l => l.Body == g)));
        Assert.All(dead.Where(l => garbage.Contains(l.Body)), l => Assert.Equal(PoisonAppFixture.MaxReceiveCount, l.ReceiveCount));

        using var user = await app.SignedInAsync();
        var good = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await user.WaitForStatusAsync(good, "Completed", Bound);
        Assert.True(clock.Elapsed < Bound * 2, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_job_that_throws_on_every_delivery_is_dead_lettered_and_its_video_is_failed()
    {
        // The api queued the job, then the upload vanished from storage (a lifecycle rule, an operator): every
        // delivery throws the store's own not-found error, not a rejection of the video.
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("vanished.mp4", 1000);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        var video = await app.MarkQueuedWithoutJobAsync(id);
        var job = new VideoJob(Guid.NewGuid(), id, video.UserId, 1, video.SourceKey, video.OutputKey, new ExtractionOptions { MaxFrames = 1000 });

        var clock = Stopwatch.StartNew();
        await app.Services.GetRequiredService<MessagePublisher>().PublishAsync(job, CancellationToken.None);

        var failed = await user.WaitForStatusAsync($"{id}", "Failed", Bound);
        Assert.Contains("internal error", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var dead = await WaitForDeadLettersAsync(letters => letters.Any(l => l.Body.Contains($"{id}", StringComparison.Ordinal)));
        Assert.Equal(PoisonAppFixture.MaxReceiveCount, dead.Single(l => l.Body.Contains($"{id}", StringComparison.Ordinal)).ReceiveCount);
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");

        // One Failed, no Completed, and only one email for it.
        var history = failed["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();
        Assert.Single(history, s => s == "Failed");
        Assert.DoesNotContain("Completed", history);
        await Eventually.SingleFileAsync(app.MailDirectory, $"{id:N}-1-Failed.eml");
    }

    private async Task<List<DeadLetterMessage>> WaitForDeadLettersAsync(Func<List<DeadLetterMessage>, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var letters = await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().Set<DeadLetterMessage>().AsNoTracking()
                    .Where(l => l.Queue == QueueNames.VideoJobs).ToListAsync();
                if (done(letters))
                {
                    return letters;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Dead letters so far: {string.Join(" | ", letters.Select(l => l.Body))}");
            }

            await Task.Delay(200);
        }
    }
}
