using System.IO.Compression;
using Vidsnap.IntegrationTests.Support;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>The production shape, started by `./run.sh distributed`, driven through the gateway only.</summary>
public sealed class DistributedStackTests(DistributedStack stack) : IClassFixture<DistributedStack>
{
    [Fact]
    public async Task Runs_one_process_per_role_and_takes_a_video_from_s3_upload_to_zip_and_one_email()
    {
        var roles = stack.RoleProcesses();
        Assert.Equal(["api", "auth", "gateway", "notifier", "status-worker", "video-worker"], roles.Keys.Order(StringComparer.Ordinal));
        Assert.All(roles.Values, pids => Assert.Single(pids));

        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync("dist@example.com", "correct horse battery");
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 10));
        var created = await user.CreateVideoAsync("clip.mp4", bytes.Length, new { mode = "interval", intervalSeconds = 2 });
        var uploadUrl = new Uri(created["upload"]!["url"]!.GetValue<string>());
        Assert.NotEqual(stack.Gateway.Port, uploadUrl.Port);
        Assert.Contains("X-Amz-Signature=", uploadUrl.Query, StringComparison.Ordinal);

        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        var id = created["id"]!.GetValue<string>();
        using (var complete = await user.CompleteAsync(id))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, complete.StatusCode);
        }

        var done = await user.WaitForStatusAsync(id, "Completed");
        Assert.Equal(5, done["frameCount"]!.GetValue<int>());
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        await WaitForSingleEmailAsync(id);
    }

    [Fact]
    public async Task A_video_worker_killed_with_sigkill_mid_job_is_restarted_and_the_video_completes_once()
    {
        var video = await TestVideos.PatternAsync(seconds: 120, width: 640, height: 360, rate: 30);
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync($"kill-{Guid.NewGuid():N}@example.com", "correct horse battery");
        var id = await user.SubmitAsync(video, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 2000 });
        await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(60), v => v["progress"]!.GetValue<int>() is > 0 and < 90);

        var worker = stack.RoleProcesses()["video-worker"].Single();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", worker.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(180));
        Assert.Equal(1200, done["frameCount"]!.GetValue<int>());
        Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");
        Assert.NotEqual(worker, stack.RoleProcesses()["video-worker"].Single());
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        Assert.Equal(1200, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        await WaitForSingleEmailAsync(id);
    }

    private async Task WaitForSingleEmailAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!stack.EmailsAbout(id).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, $"No email about {id}:\n{stack.Output}");
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(stack.EmailsAbout(id));
    }
}
