using System.Globalization;
using System.IO.Compression;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Segments;

/// <summary>
/// `./run.sh distributed --video-workers 2`: a long video's segments are taken by both worker processes, and one
/// of them SIGKILLed mid-segment loses nothing: its segment's lease runs out, a worker takes it again, and the
/// video still completes once, with one zip and one email.
/// </summary>
public sealed class SplitAcrossWorkersTests : IAsyncLifetime
{
    private readonly DistributedStack stack = new(
        "--video-workers", "2", "--VideoWorker:SplitAboveSeconds=20", "--VideoWorker:SegmentSeconds=15",
        "--Logging:LogLevel:Vidsnap.VideoWorker.Segments=Information");

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Segments_run_on_both_workers_and_one_killed_mid_segment_still_gives_one_zip_and_one_email()
    {
        var workers = stack.RoleProcesses()["video-worker"];
        Assert.Equal(2, workers.Count);
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync("segments@example.com", "correct horse battery", stack.MailDirectory);
        var id = await user.SubmitAsync(await TestVideos.KeyframedAsync(seconds: 60, keyframeSeconds: 2, 1920, 1080), new { mode = "interval", intervalSeconds = 1 });

        // Split, and segments under way on both workers: then one worker dies with its segment.
        await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(120), v =>
            v["history"]!.AsArray().Any(h => h!["detail"]?.GetValue<string>() == "Split into 4 segments") && v["progress"]!.GetValue<int>() > 0);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", workers[0].ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(240));
        Assert.Contains("video-worker-1 exited (137); starting it again", stack.Output, StringComparison.Ordinal);
        Assert.Equal(60, done["frameCount"]!.GetValue<int>());
        Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        var frames = zip.Entries.Where(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.Equal([.. Enumerable.Range(0, 60).Select(i => FormattableString.Invariant($"frame_{i + 1:000000}_00h{i / 60:00}m{i % 60:00}.000s.jpg"))], frames);

        await Eventually.TrueAsync(() => Task.FromResult(stack.EmailsAbout(id).Any()), TimeSpan.FromSeconds(30), "no outcome email");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(stack.EmailsAbout(id));

        // Both processes stored segments of this video (the killed one's log is kept across its restart).
        var logs = Path.Combine(stack.DataDirectory, "logs");
        var video = Guid.Parse(id).ToString();
        Assert.All(["video-worker-1.log", "video-worker-2.log"], log =>
            Assert.Contains(File.ReadLines(Path.Combine(logs, log)), line => line.Contains(video, StringComparison.OrdinalIgnoreCase) && line.Contains(" segment ", StringComparison.Ordinal)));
    }
}
