using System.IO.Compression;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("vidsnap-crash-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    [Fact]
    public async Task Killed_with_sigkill_while_processing_then_restarted_finishes_the_video_once()
    {
        var video = await TestVideos.PatternAsync(seconds: 120, width: 640, height: 360, rate: 30);
        var settings = new Dictionary<string, string>
        {
            ["Vidsnap:DataDirectory"] = dataDirectory,
            ["Consumers:video-jobs:VisibilityTimeoutSeconds"] = "3",
            ["Queues:WaitSeconds"] = "1",
        };
        var port = HostProcess.FreePort();
        string id;
        ApiClient user;
        using (var first = await HostProcess.StartAsync(port, settings))
        {
            user = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await user.RegisterAndLoginAsync("crash@example.com", "correct horse battery", Path.Combine(dataDirectory, "mail"));
            id = await user.SubmitAsync(video, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 2000 });
            // Progress from ffmpeg shows before the kill: the worker is mid-extraction, not about to start or finish.
            await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(30), v => v["progress"]!.GetValue<int>() is > 0 and < 90);
            first.KillHard();
        }

        using (user)
        using (var second = await HostProcess.StartAsync(port, settings))
        {
            var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(120));
            Assert.Equal(1200, done["frameCount"]!.GetValue<int>());
            Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");

            using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
            Assert.Equal(1200, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
            await Eventually.SingleFileAsync(Path.Combine(dataDirectory, "mail"), $"{Guid.Parse(id):N}-*.eml", TimeSpan.FromSeconds(30));
            Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "mail"), $"{Guid.Parse(id):N}-*.eml"));
            Assert.True(second.Output.Contains("Removed abandoned work directory", StringComparison.Ordinal), second.Output);
        }
    }
}
