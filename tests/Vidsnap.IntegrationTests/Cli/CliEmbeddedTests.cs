using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>The built vidsnap-cli against the embedded app: sign-in, uploads in parts, waiting, zips, failures, resuming.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliEmbeddedTests(CliAppFixture fixture) : IClassFixture<CliAppFixture>, IDisposable
{
    private const string Password = "correct horse battery";
    private readonly VidsnapApp app = fixture.App;
    private readonly string configHome = Directory.CreateTempSubdirectory("vidsnap-cli-config-").FullName;
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-cli-work-").FullName;

    private Uri Server => app.ClientOptions.BaseAddress;

    public void Dispose()
    {
        Directory.Delete(configHome, recursive: true);
        Directory.Delete(work, recursive: true);
    }

    private async Task<ApiClient> SignedInCliAsync()
    {
        var user = await app.SignedInAsync();
        var login = await CliProcess.RunAsync(configHome, Server, "login", "--email", user.Email!, "--password", Password);
        Assert.True(login.ExitCode == 0, login.ToString());
        return user;
    }

    private static List<JsonNode> JsonLines(CliResult result) =>
        [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonNode.Parse(line)!)];

    [Fact]
    public async Task A_folder_of_three_videos_is_uploaded_in_parts_waited_for_and_downloaded_as_three_zips()
    {
        using var user = await SignedInCliAsync();
        var folder = Directory.CreateDirectory(Path.Combine(work, "clips")).FullName;
        var seconds = new Dictionary<string, int> { ["three.mp4"] = 3, ["four.mp4"] = 4, ["five.mp4"] = 5 };
        foreach (var (name, length) in seconds)
        {
            File.Copy(await TestVideos.PatternAsync(seconds: length), Path.Combine(folder, name));
        }

        // The store takes parts of 64 KiB: the 4 s and 5 s clips are over that, the 3 s one goes in one request.
        Assert.Contains(seconds.Keys, n => new FileInfo(Path.Combine(folder, n)).Length > CliAppFixture.PartBytes);
        Assert.Contains(seconds.Keys, n => new FileInfo(Path.Combine(folder, n)).Length <= CliAppFixture.PartBytes);
        var zips = Path.Combine(work, "zips");

        var result = await CliProcess.RunAsync(configHome, Server, "upload", folder, "--interval", "1", "--wait", "--out", zips, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var videos = JsonLines(result);
        Assert.Equal(seconds.Keys.Order(StringComparer.Ordinal), videos.Select(v => Path.GetFileName(v["file"]!.GetValue<string>())).Order(StringComparer.Ordinal));
        foreach (var video in videos)
        {
            var name = Path.GetFileName(video["file"]!.GetValue<string>());
            Assert.Equal("Completed", video["status"]!.GetValue<string>());
            Assert.Equal(seconds[name], video["frameCount"]!.GetValue<int>());
            Assert.Null(video["error"]);
            var zip = video["zip"]!.GetValue<string>();
            Assert.Equal(Path.Combine(zips, Path.ChangeExtension(name, ".zip")), zip);
            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(seconds[name], archive.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
            Assert.Equal("Completed", (await user.GetVideoAsync(video["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        }

        // Nothing is left to resume once every upload completed.
        Assert.Empty(Directory.Exists(Path.Combine(configHome, "vidsnap", "uploads")) ? Directory.GetFiles(Path.Combine(configHome, "vidsnap", "uploads")) : []);
        var credentials = Path.Combine(configHome, "vidsnap", "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));

        var one = videos[0]["id"]!.GetValue<string>();
        var status = await CliProcess.RunAsync(configHome, Server, "status", one);
        Assert.True(status.ExitCode == 0 && status.Stdout.Contains("Completed", StringComparison.Ordinal), status.ToString());
        var extracted = await CliProcess.RunAsync(configHome, Server, "download", one, "--out", Path.Combine(work, "again"), "--extract");
        Assert.True(extracted.ExitCode == 0, extracted.ToString());
        Assert.Contains(Directory.GetFiles(extracted.Stdout.Trim()), f => Path.GetFileName(f) == "manifest.json");
    }

    [Fact]
    public async Task A_video_that_fails_exits_1_with_its_reason_while_the_good_one_completes()
    {
        using var user = await app.SignedInAsync();
        var key = await user.CreateApiKeyAsync("videos:read", "videos:write");
        var broken = Path.Combine(work, "broken.mp4");
        File.Copy(await TestVideos.RandomBytesAsync(), broken);
        var good = Path.Combine(work, "good.mp4");
        File.Copy(await TestVideos.PatternAsync(seconds: 3), good);

        var result = await CliProcess.RunAsync(configHome, Server, new Dictionary<string, string> { ["VIDSNAP_API_KEY"] = key }, "upload", broken, good, "--wait");

        Assert.True(result.ExitCode == 1, result.ToString());
        var page = await ApiClient.Json(await user.Http.GetAsync(new Uri("/api/videos", UriKind.Relative)));
        var failed = page["items"]!.AsArray().Single(v => v!["fileName"]!.GetValue<string>() == "broken.mp4")!;
        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        var reason = failed["error"]!.GetValue<string>();
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"good.mp4: Completed, 3 frames", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("Completed", page["items"]!.AsArray().Single(v => v!["fileName"]!.GetValue<string>() == "good.mp4")!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_and_sends_only_the_parts_the_store_lacks()
    {
        using var user = await SignedInCliAsync();
        var file = Path.Combine(work, "long.mp4");
        File.Copy(await TestVideos.PatternAsync(seconds: 30), file);
        var totalParts = (int)((new FileInfo(file).Length + CliAppFixture.PartBytes - 1) / CliAppFixture.PartBytes);
        Assert.True(totalParts > 4, $"{totalParts} parts are too few to interrupt halfway");
        var zips = Path.Combine(work, "zips");
        string[] command = ["upload", file, "--count", "3", "--wait", "--out", zips];

        fixture.Parts.Hold();
        using (var first = CliProcess.Start(configHome, Server, null, command))
        {
            await Eventually.TrueAsync(() => Task.FromResult(fixture.Parts.Stored == fixture.Parts.LetThrough && fixture.Parts.Held > 0), TimeSpan.FromSeconds(60), "two parts stored and the next held");
            await first.KillAsync();
        }

        var stored = fixture.Parts.Stored;
        var state = Assert.Single(Directory.GetFiles(Path.Combine(configHome, "vidsnap", "uploads")));
        var id = JsonNode.Parse(await File.ReadAllTextAsync(state))!["videoId"]!.GetValue<string>();
        using (var renewed = await user.Http.PostAsync(new Uri($"/api/videos/{id}/upload", UriKind.Relative), null))
        {
            var body = await ApiClient.Json(renewed);
            Assert.True(renewed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(totalParts, body["upload"]!["parts"]!.AsArray().Count);
            Assert.Equal(stored, body["upload"]!["parts"]!.AsArray().Count(p => p!["eTag"] is not null));
        }

        fixture.Parts.Lift();
        var second = await CliProcess.RunAsync(configHome, Server, command);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(totalParts - stored, fixture.Parts.Started);
        var video = await user.GetVideoAsync(id);
        Assert.Equal("Completed", video["status"]!.GetValue<string>());
        Assert.Equal(3, video["frameCount"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(zips, "long.zip")), second.ToString());
        Assert.Empty(Directory.GetFiles(Path.Combine(configHome, "vidsnap", "uploads")));

        // Both runs went to the one video the first run created.
        var page = await ApiClient.Json(await user.Http.GetAsync(new Uri("/api/videos", UriKind.Relative)));
        Assert.Single(page["items"]!.AsArray());
    }

    [Fact]
    public async Task No_credentials_exit_3_a_bad_option_2_and_an_unreachable_server_4()
    {
        var clip = await TestVideos.PatternAsync(seconds: 3);

        var anonymous = await CliProcess.RunAsync(configHome, Server, "upload", clip);
        Assert.True(anonymous.ExitCode == 3, anonymous.ToString());

        var badKey = await CliProcess.RunAsync(configHome, Server, new Dictionary<string, string> { ["VIDSNAP_API_KEY"] = "vsk_not-a-key" }, "list");
        Assert.True(badKey.ExitCode == 3, badKey.ToString());

        var usage = await CliProcess.RunAsync(configHome, Server, "upload", clip, "--count", "3", "--interval", "2");
        Assert.True(usage.ExitCode == 2, usage.ToString());

        var closed = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}/");
        var unreachable = await CliProcess.RunAsync(configHome, closed, new Dictionary<string, string> { ["VIDSNAP_API_KEY"] = "vsk_x" }, "upload", clip);
        Assert.True(unreachable.ExitCode == 4, unreachable.ToString());
    }
}
