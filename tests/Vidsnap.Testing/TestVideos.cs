using System.Diagnostics;

namespace Vidsnap.Testing;

/// <summary>Test inputs made with ffmpeg once per run, and the broken files real users upload.</summary>
public static class TestVideos
{
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("vidsnap-videos-").FullName;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A test pattern of the given length and size, H.264 in MP4.</summary>
    public static Task<string> PatternAsync(int seconds, int width = 320, int height = 240, int rate = 25) =>
        GenerateAsync($"pattern-{seconds}s-{width}x{height}-{rate}.mp4",
            ["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size={width}x{height}:rate={rate}", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]);

    /// <summary>10 s of test pattern with a keyframe every 2 s (25 fps, GOP 50).</summary>
    public static Task<string> KeyframedAsync() =>
        GenerateAsync("keyframed-10s.mp4",
            ["-f", "lavfi", "-i", "testsrc2=duration=10:size=320x240:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0"]);

    /// <summary>Test pattern of the given length with a keyframe every <paramref name="keyframeSeconds"/> (25 fps): long enough to be split.</summary>
    public static Task<string> KeyframedAsync(int seconds, int keyframeSeconds, int width = 320, int height = 240) =>
        GenerateAsync($"keyframed-{seconds}s-every{keyframeSeconds}s-{width}x{height}.mp4",
            ["-f", "lavfi", "-i", $"testsrc2=duration={seconds}:size={width}x{height}:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
             "-g", $"{25 * keyframeSeconds}", "-keyint_min", $"{25 * keyframeSeconds}", "-sc_threshold", "0"]);

    /// <summary>10 s with a keyframe every 0.2 s (25 fps, GOP 5): far more keyframes than a sparse request's moments.</summary>
    public static Task<string> ShortGopAsync() =>
        GenerateAsync("short-gop-10s.mp4",
            ["-f", "lavfi", "-i", "testsrc2=duration=10:size=320x240:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-g", "5", "-keyint_min", "5", "-sc_threshold", "0"]);

    /// <summary>The same in VP9 (WebM): a decoder that ignores -skip_frame nokey.</summary>
    public static Task<string> KeyframedVp9Async() =>
        GenerateAsync("keyframed-10s.webm",
            ["-f", "lavfi", "-i", "testsrc2=duration=10:size=320x240:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "50", "-keyint_min", "50"]);

    /// <summary>Three 2-second scenes of different colours: cuts at 2 s and 4 s.</summary>
    public static Task<string> ScenesAsync() =>
        GenerateAsync("scenes-6s.mp4",
            ["-f", "lavfi", "-i", "color=red:size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "color=blue:size=320x240:rate=25:duration=2",
             "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]);

    /// <summary>3 s of black, then 3 s of picture: a poster must not be black.</summary>
    public static Task<string> BlackStartAsync() =>
        GenerateAsync("black-start-6s.mp4",
            ["-f", "lavfi", "-i", "color=black:size=320x240:rate=25:duration=3", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3",
             "-filter_complex", "[0][1]concat=n=2:v=1:a=0", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]);

    /// <summary>A phone-style portrait video: stored 320x240, displayed rotated by 90 degrees.</summary>
    public static async Task<string> PortraitAsync()
    {
        var landscape = await PatternAsync(seconds: 3);
        return await GenerateAsync("portrait-3s.mp4", ["-i", landscape, "-c", "copy", "-metadata:s:v:0", "rotate=90"]);
    }

    public static Task<string> AudioOnlyAsync() =>
        GenerateAsync("audio-only.mp4", ["-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac"]);

    public static async Task<string> RandomBytesAsync()
    {
        var path = Path.Combine(Directory, "random.mp4");
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(64 * 1024));
        }

        return path;
    }

    internal static async Task<string> GenerateAsync(string name, string[] arguments)
    {
        var path = Path.Combine(Directory, name);
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(path))
            {
                return path;
            }

            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
            foreach (var argument in (string[])["-v", "error", "-nostdin", .. arguments, "-y", path + ".tmp.mp4"])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"ffmpeg failed to make {name}: {error}");
            File.Move(path + ".tmp.mp4", path);
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }
}
