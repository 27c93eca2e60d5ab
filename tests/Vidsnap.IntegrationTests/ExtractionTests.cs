using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.IntegrationTests;

/// <summary>The worker's extraction pipeline on real ffmpeg, mode by mode: the zip's images, manifest, storyboard and poster.</summary>
public sealed class ExtractionTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-extraction-").FullName;
    private readonly VideoExtraction extraction;

    public ExtractionTests()
    {
        var settings = Options.Create(new VideoWorkerOptions());
        var tools = new ProcessToolRunner();
        extraction = new VideoExtraction(new MediaProbe(settings, tools), new FrameExtractor(settings, tools), new ExtrasBuilder(settings, tools), settings);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private sealed record Unpacked(List<JsonNode> Frames, JsonNode Manifest, ZipArchive Zip, string Strategy);

    private async Task<Unpacked> ExtractAsync(string video, ExtractionOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("run-").FullName;
        var result = await extraction.RunAsync(video, options with { MaxFrames = options.MaxFrames ?? 1000 }, directory, _ => { }, CancellationToken.None);
        var zip = new ZipArchive(new MemoryStream(await File.ReadAllBytesAsync(result.ZipPath)));
        Directory.Delete(directory, recursive: true);
        JsonNode manifest;
        await using (var stream = zip.GetEntry("manifest.json")!.Open())
        {
            manifest = (await JsonNode.ParseAsync(stream))!;
        }

        var frames = manifest["frames"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal(result.FrameCount, frames.Count);
        foreach (var frame in frames)
        {
            // Every manifest line describes an image really in the zip, with its real size.
            var entry = zip.GetEntry(frame["file"]!.GetValue<string>())!;
            await using var image = entry.Open();
            var bytes = new byte[entry.Length];
            await image.ReadExactlyAsync(bytes);
            Assert.Equal((frame["width"]!.GetValue<int>(), frame["height"]!.GetValue<int>()), ImageSize.Read(bytes));
            Assert.Equal(entry.Length, frame["bytes"]!.GetValue<long>());
        }

        Assert.Equal(frames.Count, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        return new Unpacked(frames, manifest, zip, manifest["strategy"]!.GetValue<string>());
    }

    private static double[] Times(Unpacked unpacked) => [.. unpacked.Frames.Select(f => f["timestamp"]!.GetValue<double>())];

    /// <summary>Exact means the first frame at or after each moment: at 25 fps, never more than 0.04 s later.</summary>
    private static void AssertExact(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual[i], expected[i] - 1e-6, expected[i] + 0.0401);
        }
    }

    [Fact]
    public async Task Interval_exact_seeks_each_moment_and_names_frames_by_time()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 2.5 });

        Assert.Equal("InputSeekPerMoment", result.Strategy);
        AssertExact([0, 2.5, 5, 7.5], Times(result));
        Assert.Equal("frame_000002_00h00m02.520s.jpg", result.Frames[1]["file"]!.GetValue<string>());
        Assert.All(result.Frames, f => Assert.Equal((320, 240), (f["width"]!.GetValue<int>(), f["height"]!.GetValue<int>())));
        Assert.Equal(10, result.Manifest["source"]!["duration"]!.GetValue<double>(), 1);
        Assert.Equal("h264", result.Manifest["source"]!["codec"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dense_interval_is_one_decoding_pass()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 0.5 });

        Assert.Equal("FpsFilterDecode", result.Strategy);
        Assert.Equal(20, result.Frames.Count);
        Assert.Equal(9.5, Times(result)[^1]);
    }

    [Fact]
    public async Task Fast_precision_takes_the_keyframe_at_or_before_each_moment_and_says_so()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 3, Precision = "fast" });

        Assert.Equal([0, 2, 6, 8], Times(result).Select(t => Math.Round(t, 2)));
    }

    [Fact]
    public async Task Fast_precision_on_short_gop_video_takes_the_keyframe_at_or_before_each_moment_not_the_one_before_that()
    {
        // 50 keyframes for 4 moments: the keyframe-only seeks are batched, each aimed at its keyframe's own time.
        var result = await ExtractAsync(await TestVideos.ShortGopAsync(), new ExtractionOptions { IntervalSeconds = 2.5, Precision = "fast" });

        Assert.Equal("NearestKeyframes", result.Strategy);
        Assert.Equal([0, 2.4, 5, 7.4], Times(result).Select(t => Math.Round(t, 2)));
    }

    [Fact]
    public async Task Count_spreads_frames_evenly_away_from_the_ends()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { Mode = "count", Count = 4 });

        AssertExact([1.25, 3.75, 6.25, 8.75], Times(result));
    }

    [Fact]
    public async Task Timestamps_give_those_moments_as_png_fitted_to_the_width()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { Mode = "timestamps", Timestamps = [1, 7.52], Format = "png", Width = 160 });

        Assert.Equal([1, 7.52], Times(result));
        Assert.All(result.Frames, f => Assert.EndsWith(".png", f["file"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(result.Frames, f => Assert.Equal((160, 120), (f["width"]!.GetValue<int>(), f["height"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Webp_fits_inside_a_box_keeping_the_aspect_ratio_and_never_enlarges()
    {
        var boxed = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 5, Format = "webp", Quality = 50, Width = 100, Height = 100 });
        Assert.All(boxed.Frames, f => Assert.Equal((100, 75), (f["width"]!.GetValue<int>(), f["height"]!.GetValue<int>())));
        Assert.All(boxed.Frames, f => Assert.EndsWith(".webp", f["file"]!.GetValue<string>(), StringComparison.Ordinal));

        var big = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 5, Height = 2000 });
        Assert.All(big.Frames, f => Assert.Equal((320, 240), (f["width"]!.GetValue<int>(), f["height"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Keyframes_mode_returns_each_keyframe()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { Mode = "keyframes" });

        Assert.Equal("KeyframesOnlyDecode", result.Strategy);
        Assert.Equal([0, 2, 4, 6, 8], Times(result).Select(t => Math.Round(t, 2)));
    }

    [Fact]
    public async Task Keyframes_mode_returns_only_keyframes_from_a_decoder_that_ignores_skip_frame()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedVp9Async(), new ExtractionOptions { Mode = "keyframes" });

        Assert.Equal([0, 2, 4, 6, 8], Times(result).Select(t => Math.Round(t, 2)));
    }

    [Fact]
    public async Task Fast_precision_takes_keyframes_from_a_decoder_that_ignores_skip_frame()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedVp9Async(), new ExtractionOptions { IntervalSeconds = 3, Precision = "fast" });

        Assert.Equal([0, 2, 6, 8], Times(result).Select(t => Math.Round(t, 2)));
    }

    [Fact]
    public async Task Scene_mode_returns_the_first_frame_of_each_scene()
    {
        var result = await ExtractAsync(await TestVideos.ScenesAsync(), new ExtractionOptions { Mode = "scene", Threshold = 0.3 });

        Assert.Equal([0, 2, 4], Times(result).Select(t => Math.Round(t, 1)));
    }

    [Fact]
    public async Task Start_and_end_limit_the_part_of_the_video()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 1, Start = 3, End = 6 });

        Assert.Equal([3, 4, 5], Times(result));
    }

    [Fact]
    public async Task A_portrait_phone_video_gives_upright_frames()
    {
        var result = await ExtractAsync(await TestVideos.PortraitAsync(), new ExtractionOptions { IntervalSeconds = 1 });

        Assert.Equal(90, Math.Abs(result.Manifest["source"]!["rotation"]!.GetValue<int>()));
        Assert.All(result.Frames, f => Assert.Equal((240, 320), (f["width"]!.GetValue<int>(), f["height"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Storyboard_vtt_maps_each_frames_time_range_to_its_tile()
    {
        var result = await ExtractAsync(await TestVideos.KeyframedAsync(), new ExtractionOptions { IntervalSeconds = 2.5 });
        string vtt;
        await using (var stream = result.Zip.GetEntry("storyboard/storyboard.vtt")!.Open())
        {
            vtt = await new StreamReader(stream).ReadToEndAsync();
        }

        var cues = vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Equal(4, cues.Count);
        Assert.Equal("00:00:02.520 --> 00:00:05.000\nsprite_001.jpg#xywh=160,0,160,120", cues[1].Trim());
        Assert.EndsWith("--> 00:00:10.000\nsprite_001.jpg#xywh=480,0,160,120", cues[3].Trim(), StringComparison.Ordinal);
        var sprite = result.Zip.GetEntry("storyboard/sprite_001.jpg")!;
        await using var image = sprite.Open();
        var bytes = new byte[sprite.Length];
        await image.ReadExactlyAsync(bytes);
        Assert.Equal((1600, 1200), ImageSize.Read(bytes));
        Assert.NotNull(result.Zip.GetEntry("contact_sheet.jpg"));
    }

    [Fact]
    public async Task The_poster_is_not_a_black_frame()
    {
        var result = await ExtractAsync(await TestVideos.BlackStartAsync(), new ExtractionOptions { IntervalSeconds = 0.5 });
        var poster = Path.Combine(work, "poster.jpg");
        await using (var stream = result.Zip.GetEntry("poster.jpg")!.Open())
        await using (var file = File.Create(poster))
        {
            await stream.CopyToAsync(file);
        }

        Assert.True(await AverageLumaAsync(poster) > 40, "The poster is (nearly) black.");
    }

    [Fact]
    public async Task Asking_for_more_than_max_frames_or_moments_outside_the_video_fails_with_a_reason()
    {
        var video = await TestVideos.KeyframedAsync();
        var tooMany = await Assert.ThrowsAsync<VideoRejectedException>(() => ExtractAsync(video, new ExtractionOptions { IntervalSeconds = 0.5, MaxFrames = 10 }));
        Assert.Contains("maxFrames", tooMany.Message, StringComparison.Ordinal);
        var outside = await Assert.ThrowsAsync<VideoRejectedException>(() => ExtractAsync(video, new ExtractionOptions { Mode = "timestamps", Timestamps = [1, 42] }));
        Assert.Contains("42", outside.Message, StringComparison.Ordinal);
    }

    private static async Task<double> AverageLumaAsync(string image)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-hide_banner", "-i", image, "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG", "-f", "null", "-"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var value = output.Split('\n').First(l => l.Contains("YAVG=", StringComparison.Ordinal)).Split('=')[^1];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
