using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

/// <summary>
/// Every ffmpeg and ffprobe run the pipeline makes, in every strategy and for the extras, is recorded on its
/// way to the real tool and checked: local files only, an allow-list of containers, no standard input, a cap
/// on single allocations.
/// </summary>
public sealed class ToolArgumentsTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-tool-arguments-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private sealed class RecordingRunner : IToolRunner
    {
        private readonly ProcessToolRunner real = new();

        public ConcurrentQueue<(string Tool, IReadOnlyList<string> Arguments)> Runs { get; } = new();

        public Task<ToolResult> RunAsync(
            string fileName, IReadOnlyList<string> arguments, Action<string>? onOutputLine, TimeSpan stallTimeout, CancellationToken cancellationToken,
            Action<string>? onErrorLine = null)
        {
            Runs.Enqueue((fileName, arguments));
            return real.RunAsync(fileName, arguments, onOutputLine, stallTimeout, cancellationToken, onErrorLine);
        }
    }

    [Fact]
    public async Task Every_ffmpeg_and_ffprobe_run_carries_the_whitelists_and_limits()
    {
        var video = Path.Combine(work, "in.mp4");
        await GenerateAsync(video);
        var settings = Options.Create(new VideoWorkerOptions { ParallelSeeks = 2 });
        var runner = new RecordingRunner();
        var extraction = new VideoExtraction(new MediaProbe(settings, runner), new FrameExtractor(settings, runner), new ExtrasBuilder(settings, runner), settings);
        ExtractionOptions[] requests =
        [
            new() { IntervalSeconds = 1 },
            new() { IntervalSeconds = 0.5 },
            new() { IntervalSeconds = 10 },
            new() { IntervalSeconds = 10, Precision = ExtractionOptions.FastPrecision },
            new() { Mode = ExtractionOptions.KeyframesMode },
            new() { Mode = ExtractionOptions.SceneMode, Format = ExtractionOptions.Png },
        ];
        var strategies = new HashSet<ExtractionStrategy>();
        foreach (var request in requests)
        {
            var directory = Directory.CreateDirectory(Path.Combine(work, $"run-{strategies.Count}-{Guid.NewGuid():N}")).FullName;
            var result = await extraction.RunAsync(video, request with { MaxFrames = 1000 }, directory, _ => { }, CancellationToken.None);
            strategies.Add(result.Plan.Strategy);
        }

        Assert.Equal(Enum.GetValues<ExtractionStrategy>().ToHashSet(), strategies);
        Assert.Contains(runner.Runs, r => r.Tool == "ffprobe");
        Assert.Contains(runner.Runs, r => r.Tool == "ffmpeg" && r.Arguments.Contains("concat"));
        Assert.All(runner.Runs, run =>
        {
            var arguments = run.Arguments;
            var text = string.Join(' ', arguments);
            Assert.Contains("-max_alloc", arguments);
            if (run.Tool == "ffmpeg")
            {
                // ffprobe has no -nostdin; ToolProcess closes every tool's standard input.
                Assert.Equal("-nostdin", arguments[0]);
            }

            var inputs = Enumerable.Range(0, arguments.Count).Where(i => arguments[i] == "-i").ToList();
            Assert.NotEmpty(inputs);
            Assert.All(inputs, i =>
            {
                Assert.True(i >= 4, text);
                Assert.Equal(["-protocol_whitelist", "file", "-format_whitelist"], arguments.Skip(i - 4).Take(3));
                Assert.StartsWith("file:", arguments[i + 1], StringComparison.Ordinal);
                var formats = arguments[i - 1].Split(',');
                var expected = arguments[i + 1] == "file:" + video ? new VideoWorkerOptions().AllowedFormats : ToolArguments.ImageFormats;
                Assert.Equal(expected, arguments[i - 1]);
                Assert.DoesNotContain("hls", formats);
                if (arguments[i + 1] == "file:" + video)
                {
                    Assert.DoesNotContain("concat", formats);
                }
            });
        });
    }

    [Fact]
    public void The_allocation_cap_follows_the_frame_size_limit()
    {
        Assert.Equal(["-max_alloc", "536870912"], ToolArguments.Limits(new VideoWorkerOptions()));
        Assert.Equal(["-max_alloc", "67108864"], ToolArguments.Limits(new VideoWorkerOptions { MaxWidth = 16, MaxHeight = 16 }));
    }

    /// <summary>32 s of a tiny test pattern, a keyframe every 2 s: long enough for the segmented pass.</summary>
    private static async Task GenerateAsync(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc2=duration=32:size=64x48:rate=10", "-pix_fmt", "yuv420p",
                     "-c:v", "libx264", "-preset", "ultrafast", "-g", "20", "-y", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }
}
