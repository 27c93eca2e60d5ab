using System.Diagnostics;

namespace Vidsnap.IntegrationTests.Support;

/// <summary>Test inputs made with ffmpeg once per run, and the broken files real users upload.</summary>
public static class TestVideos
{
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("vidsnap-videos-").FullName;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A test pattern of the given length and size, H.264 in MP4.</summary>
    public static Task<string> PatternAsync(int seconds, int width = 320, int height = 240, int rate = 25) =>
        GenerateAsync($"pattern-{seconds}s-{width}x{height}-{rate}.mp4",
            ["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size={width}x{height}:rate={rate}", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]);

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

    private static async Task<string> GenerateAsync(string name, string[] arguments)
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
