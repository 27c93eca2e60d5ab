using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Nothing one job does may fill the worker's disk: its output is capped while it is written, and a short disk gives the job back.</summary>
public sealed class BoundedJobTests
{
    [Fact]
    public async Task A_job_writing_more_than_MaxOutputBytes_fails_naming_the_limit_and_leaves_no_scratch()
    {
        using var app = new VidsnapApp(new Dictionary<string, string> { ["VideoWorker:MaxOutputBytes"] = "300000" });
        using var person = await app.SignedInAsync();

        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 4), new { mode = "interval", intervalSeconds = 0.1, format = "png" });

        var failed = await person.WaitForStatusAsync(id, "Failed");
        Assert.Contains("limit of 0.3 MiB", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("JPEG instead of PNG", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var work = Path.Combine(app.DataDirectory, "work");
        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(work) || Directory.GetFileSystemEntries(work).Length == 0), TimeSpan.FromSeconds(10), "scratch left behind");

        // The same limit lets an ordinary request through.
        var small = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2), new { mode = "count", count = 2, width = 160 });
        await person.WaitForStatusAsync(small, "Completed");
    }

    [Fact]
    public async Task A_worker_short_of_scratch_space_gives_the_job_back_and_on_the_last_attempt_says_so()
    {
        using var app = new VidsnapApp(new Dictionary<string, string>
        {
            ["VideoWorker:MinFreeScratchBytes"] = $"{long.MaxValue / 2}",
            ["Queues:MaxReceiveCount"] = "2",
            ["Consumers:video-jobs:RetryDelaySeconds"] = "0",
        });
        using var person = await app.SignedInAsync();

        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));

        var failed = await person.WaitForStatusAsync(id, "Failed", TimeSpan.FromSeconds(60));
        Assert.Contains("too little scratch space", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "objects", "users")) &&
            Directory.GetFiles(Path.Combine(app.DataDirectory, "objects"), "frames.zip", SearchOption.AllDirectories).Length > 0);
    }
}
