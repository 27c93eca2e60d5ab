using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Testing;
using Vidsnap.VideoWorker.Sources;

namespace Vidsnap.IntegrationTests.Segments;

/// <summary>
/// A video split into segments, each a job of its own, then joined, gives what the unsplit path gives: the same
/// frames under the same names and times, in the same order in the zip, and one of everything else.
/// </summary>
public sealed class SplitVideoTests(VidsnapAppFixture whole, SplitAppFixture split) : IClassFixture<VidsnapAppFixture>, IClassFixture<SplitAppFixture>
{
    [Theory]
    [InlineData("dense", 1.0, "exact", 2, 4, 1.3)]
    [InlineData("exact seeks", 2.5, "exact", 2, 2, 2.3)]
    [InlineData("nearest keyframes", 2.5, "fast", 2, 2, 2.3)]
    [InlineData("dense, keyframes 10 s apart", 1.0, "exact", 10, 4, 1.3)]
    public async Task A_split_video_gives_the_frames_of_the_unsplit_path_in_the_same_order(
        string what, double interval, string precision, int keyframeSeconds, int segments, double maxReadRatio)
    {
        var video = await TestVideos.KeyframedAsync(seconds: 60, keyframeSeconds, 1920, 1080);
        var options = new { mode = "interval", intervalSeconds = interval, precision };

        var (unsplitVideo, unsplitZip) = await RunAsync(whole.App, video, options);
        var server = split.App.Services.GetRequiredService<SourceRangeServer>();
        var readBefore = server.BytesServed;
        var (splitVideo, splitZip) = await RunAsync(split.App, video, options);
        var read = server.BytesServed - readBefore;

        var history = splitVideo["history"]!.AsArray().Select(h => h!["detail"]?.GetValue<string>()).ToList();
        Assert.Contains($"Split into {segments} segments", history);
        Assert.DoesNotContain(unsplitVideo["history"]!.AsArray(), h => h!["detail"]?.GetValue<string>()?.StartsWith("Split", StringComparison.Ordinal) == true);
        Assert.Equal(unsplitVideo["frameCount"]!.GetValue<int>(), splitVideo["frameCount"]!.GetValue<int>());

        var expected = Frames(unsplitZip);
        var actual = Frames(splitZip);
        Assert.True(expected.Count > 20, what);
        // Names carry index and time, so equal names in equal order are the same moments, numbered alike.
        Assert.Equal(expected.Select(f => f.Name), actual.Select(f => f.Name));
        Assert.Equal(expected.Select(f => f.Name).Order(StringComparer.Ordinal), actual.Select(f => f.Name));
        Assert.Equal(Manifest(unsplitZip)["frames"]!.ToJsonString(), Manifest(splitZip)["frames"]!.ToJsonString());
        Assert.Equal(Manifest(unsplitZip)["strategy"]!.GetValue<string>(), Manifest(splitZip)["strategy"]!.GetValue<string>());
        Assert.All(["poster.jpg", "contact_sheet.jpg", "storyboard/storyboard.vtt"], name => Assert.NotNull(splitZip.GetEntry(name)));
        Assert.Equal(await ReadAsync(unsplitZip, "storyboard/storyboard.vtt"), await ReadAsync(splitZip, "storyboard/storyboard.vtt"));

        // Planned and extracted in place: a dense plan reads each segment's own part of the source (with the headers
        // and a packet at each cut), about the file once; a plan that seeks by the keyframe index reads the index
        // (the whole file's packets) and then the GOPs its moments need. A download per segment would be the whole
        // file once per segment, and the index on top.
        var size = new FileInfo(video).Length;
        Assert.True(read > 0 && read < size * maxReadRatio, $"{read} bytes of a {size}-byte source read for {segments} segments ({(double)read / size:0.00}x)");
    }

    private static async Task<(JsonNode Video, ZipArchive Zip)> RunAsync(VidsnapApp app, string video, object options)
    {
        using var user = await app.SignedInAsync();
        var id = await user.SubmitAsync(video, options);
        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(180));
        return (done, new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id))));
    }

    /// <summary>The zip's frames in the order they are in the zip, with their sizes.</summary>
    private static List<(string Name, long Bytes)> Frames(ZipArchive zip) =>
        [.. zip.Entries.Where(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)).Select(e => (e.FullName, e.Length))];

    private static JsonNode Manifest(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync();
    }
}
