using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Every extraction strategy leaves each frame a small JPEG thumbnail and the poster one at list size, and the
/// manifest.json stored beside the zip is the zip's: what the frames route lists and the web app shows.
/// </summary>
public sealed class FrameThumbnailTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-thumbnails-").FullName;
    private readonly VideoExtraction extraction;

    public FrameThumbnailTests()
    {
        var settings = Options.Create(new VideoWorkerOptions());
        var tools = new ProcessToolRunner();
        extraction = new VideoExtraction(new MediaProbe(settings, tools), new FrameExtractor(settings, tools), new ExtrasBuilder(settings, tools), settings);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    public static TheoryData<string, string> Modes() => new()
    {
        { "interval exact, dense", "{\"intervalSeconds\": 0.5}" },
        { "interval exact, seeks", "{\"intervalSeconds\": 2.5}" },
        { "interval fast", "{\"intervalSeconds\": 3, \"precision\": \"fast\"}" },
        { "count", "{\"mode\": \"count\", \"count\": 4}" },
        { "timestamps, png", "{\"mode\": \"timestamps\", \"timestamps\": [1, 7.52], \"format\": \"png\"}" },
        { "keyframes, webp", "{\"mode\": \"keyframes\", \"format\": \"webp\"}" },
        { "scene", "{\"mode\": \"scene\", \"threshold\": 0.3}" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_frame_has_a_small_jpeg_thumbnail_and_the_poster_one_at_list_size(string mode, string json)
    {
        var options = System.Text.Json.JsonSerializer.Deserialize<ExtractionOptions>(json, MessageJson.Options)! with { MaxFrames = 1000 };
        var video = mode == "scene" ? await TestVideos.ScenesAsync() : await TestVideos.KeyframedAsync();
        var directory = Directory.CreateDirectory(Path.Combine(work, Guid.NewGuid().ToString("N"))).FullName;
        var result = await extraction.RunAsync(video, options, directory, _ => { }, CancellationToken.None);

        Assert.Equal(result.FrameCount, result.Frames.Count);
        Assert.All(result.Frames, frame =>
        {
            Assert.NotNull(frame.ThumbnailPath);
            var bytes = File.ReadAllBytes(frame.ThumbnailPath!);
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);
            var (width, height) = ImageSize.Read(bytes);
            var (frameWidth, frameHeight) = ImageSize.Read(frame.Path);
            Assert.Equal(Math.Min(320, frameWidth), width);
            Assert.InRange(height, (frameHeight * width / frameWidth) - 2, (frameHeight * width / frameWidth) + 2);
        });
        Assert.Equal(result.Frames.Count, result.Frames.Select(f => f.ThumbnailPath).Distinct().Count());

        var poster = await File.ReadAllBytesAsync(result.Extras.PosterThumbnailPath);
        Assert.True(ImageSize.Read(poster).Width <= 320);
        Assert.Contains(result.Frames, f => File.ReadAllBytes(f.ThumbnailPath!).AsSpan().SequenceEqual(poster));

        using var zip = System.IO.Compression.ZipFile.OpenRead(result.ZipPath);
        using var inZip = new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync());
        Assert.Equal(await inZip.ReadToEndAsync(), await File.ReadAllTextAsync(result.ManifestPath));
        Assert.Equal(result.Frames.Select(f => f.EntryName), result.Manifest.Frames.Select(f => f.File));
    }

    [Fact]
    public async Task A_frame_without_a_thumbnail_gets_one_made_from_it()
    {
        var directory = Directory.CreateDirectory(Path.Combine(work, Guid.NewGuid().ToString("N"))).FullName;
        var result = await extraction.RunAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 5, MaxFrames = 1000 }, directory, _ => { }, CancellationToken.None);
        var settings = Options.Create(new VideoWorkerOptions());
        var builder = new ExtrasBuilder(settings, new ProcessToolRunner());
        var bare = result.Frames.Select((f, i) => i % 2 == 0 ? f with { ThumbnailPath = null } : f).ToList();

        var made = await builder.WithThumbnailsAsync(bare, Path.Combine(directory, "made"), CancellationToken.None);
        Assert.All(made, frame =>
        {
            Assert.True(File.Exists(frame.ThumbnailPath));
            Assert.Equal(320, ImageSize.Read(frame.ThumbnailPath!).Width);
        });
        Assert.Equal(result.Frames[1].ThumbnailPath, made[1].ThumbnailPath);
        Assert.StartsWith(Path.Combine(directory, "made"), made[0].ThumbnailPath!, StringComparison.Ordinal);
    }
}
