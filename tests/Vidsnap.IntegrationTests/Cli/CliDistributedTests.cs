using System.IO.Compression;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>The built vidsnap-cli against `./run.sh distributed`: uploads go straight to the S3 server's absolute pre-signed URLs.</summary>
[Collection(Distributed.DistributedStackCollection.Name)]
public sealed class CliDistributedTests(DistributedStack stack) : IDisposable
{
    private readonly string configHome = Directory.CreateTempSubdirectory("vidsnap-cli-config-").FullName;
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-cli-work-").FullName;

    public void Dispose()
    {
        Directory.Delete(configHome, recursive: true);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_folder_of_three_videos_goes_through_the_gateway_and_s3_to_three_zips_and_a_broken_one_exits_1()
    {
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync($"cli-{Guid.NewGuid():N}@example.com", "correct horse battery", stack.MailDirectory);
        var login = await CliProcess.RunAsync(configHome, stack.Gateway, "login", "--email", user.Email!, "--password", "correct horse battery");
        Assert.True(login.ExitCode == 0, login.ToString());
        var folder = Directory.CreateDirectory(Path.Combine(work, "clips")).FullName;
        foreach (var seconds in new[] { 2, 3, 4 })
        {
            File.Copy(await TestVideos.PatternAsync(seconds: seconds), Path.Combine(folder, $"clip{seconds}.mp4"));
        }

        var zips = Path.Combine(work, "zips");
        var result = await CliProcess.RunAsync(configHome, stack.Gateway, "upload", folder, "--interval", "1", "--format", "png", "--out", zips, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var videos = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, videos.Count);
        foreach (var video in videos)
        {
            var seconds = int.Parse(Path.GetFileNameWithoutExtension(video["file"]!.GetValue<string>())["clip".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("Completed", video["status"]!.GetValue<string>());
            Assert.Equal(seconds, video["frameCount"]!.GetValue<int>());
            using var zip = ZipFile.OpenRead(video["zip"]!.GetValue<string>());
            Assert.Equal(seconds, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal) && e.FullName.EndsWith(".png", StringComparison.Ordinal)));
        }

        var broken = Path.Combine(work, "broken.mp4");
        File.Copy(await TestVideos.RandomBytesAsync(), broken);
        var failed = await CliProcess.RunAsync(configHome, stack.Gateway, "upload", broken, "--wait", "--json");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        var outcome = JsonNode.Parse(failed.Stdout.Trim())!;
        Assert.Equal("Failed", outcome["status"]!.GetValue<string>());
        var reason = (await user.GetVideoAsync(outcome["id"]!.GetValue<string>()))["error"]!.GetValue<string>();
        Assert.Equal(reason, outcome["error"]!.GetValue<string>());
        Assert.Contains(reason, failed.Stderr, StringComparison.Ordinal);
    }
}
