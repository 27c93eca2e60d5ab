using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>SIGTERM, as on a Kubernetes scale-in: stop receiving, finish or give back, exit within the grace period.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("vidsnap-sigterm-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    [Fact]
    public async Task A_job_longer_than_the_drain_time_is_given_back_at_once_and_finished_by_the_next_process()
    {
        var video = await TestVideos.PatternAsync(seconds: 120, width: 640, height: 360, rate: 30);
        var settings = Settings(graceSeconds: 6);
        var port = HostProcess.FreePort();
        string id;
        using var user = new ApiClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        using (var first = await HostProcess.StartAsync(port, settings))
        {
            await user.RegisterAndLoginAsync("sigterm-long@example.com", "correct horse battery", Path.Combine(dataDirectory, "mail"));
            id = await user.SubmitAsync(video, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 2000 });
            await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(30), v => v["progress"]!.GetValue<int>() is > 0 and < 80);

            var exitTook = await first.TerminateAsync(TimeSpan.FromSeconds(15));
            Assert.True(exitTook < TimeSpan.FromSeconds(6), $"exit took {exitTook}");
            Assert.Contains("giving the video-jobs message back", first.Output, StringComparison.Ordinal);
        }

        // Given back, not left leased: visible now, although the lease was 60 s.
        var visibleInMs = await QueryLongAsync("SELECT MAX(VisibleAtMs) - CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM QueueMessages WHERE Queue = 'video-jobs'");
        Assert.True(visibleInMs <= 0, $"the job becomes visible only in {visibleInMs} ms");

        using var second = await HostProcess.StartAsync(port, settings);
        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(90));
        Assert.Equal(1200, done["frameCount"]!.GetValue<int>());
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        Assert.Equal(1200, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        await Eventually.SingleFileAsync(Path.Combine(dataDirectory, "mail"), $"{Guid.Parse(id):N}-*.eml", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_job_shorter_than_the_drain_time_is_finished_before_the_process_exits()
    {
        var video = await TestVideos.PatternAsync(seconds: 40, width: 640, height: 360, rate: 30);
        var settings = Settings(graceSeconds: 40);
        var port = HostProcess.FreePort();
        using var user = new ApiClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        string id;
        using (var first = await HostProcess.StartAsync(port, settings))
        {
            await user.RegisterAndLoginAsync("sigterm-short@example.com", "correct horse battery", Path.Combine(dataDirectory, "mail"));
            id = await user.SubmitAsync(video, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 2000 });
            await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(30), v => v["progress"]!.GetValue<int>() is > 0 and < 80);

            var exitTook = await first.TerminateAsync(TimeSpan.FromSeconds(45));
            Assert.True(exitTook < TimeSpan.FromSeconds(40), $"exit took {exitTook}");
            Assert.DoesNotContain("giving the video-jobs message back", first.Output, StringComparison.Ordinal);
        }

        // The job was done and acknowledged: nothing of it is left in the queue, and the next process has only the status to record.
        Assert.Equal(0, await QueryLongAsync("SELECT COUNT(*) FROM QueueMessages WHERE Queue = 'video-jobs'"));
        using var second = await HostProcess.StartAsync(port, settings);
        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(30));
        Assert.Equal(400, done["frameCount"]!.GetValue<int>());
        Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Processing");
    }

    private Dictionary<string, string> Settings(int graceSeconds) => new()
    {
        ["Vidsnap:DataDirectory"] = dataDirectory,
        ["Vidsnap:ShutdownGraceSeconds"] = graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Consumers:video-jobs:VisibilityTimeoutSeconds"] = "60",
        ["Queues:WaitSeconds"] = "1",
    };

    private async Task<long> QueryLongAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "vidsnap.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
