using System.Buffers.Binary;
using System.Text;

namespace Vidsnap.Testing;

/// <summary>One upload from the hostile corpus: its name and bytes, and a word the failure reason must contain.</summary>
public sealed record HostileFile(string Case, string Path, string ReasonMentions);

/// <summary>
/// Broken and hostile uploads, made in the test run: garbage, damaged MP4s, files past the worker's limits, and
/// playlists renamed .mp4 that try to make ffmpeg read a local file or a URL.
/// </summary>
public static class HostileFiles
{
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("vidsnap-hostile-").FullName;

    /// <summary>Every case; <paramref name="listenerPort"/> is where the http playlist points (a listener that must hear nothing).</summary>
    public static async Task<IReadOnlyList<HostileFile>> AllAsync(int listenerPort) =>
    [
        new("random bytes", await TestVideos.RandomBytesAsync(), "not a video"),
        new("text named .mp4", await WriteAsync("notes.mp4", string.Concat(Enumerable.Repeat("These are my holiday notes, not a video.\n", 40))), "not a video"),
        new("truncated mp4", await TruncatedAsync(), "cut short"),
        new("mp4 without moov", await WithoutMoovAsync(), "moov"),
        new("audio only", await TestVideos.AudioOnlyAsync(), "no video stream"),
        new("huge frame size", await HugeFrameAsync(), "20000x16"),
        new("very long tiny video", await VeryLongAsync(), "longer than the limit"),
        new("extreme frame rate", await ExtremeFrameRateAsync(), "frames per second"),
        new("hls to a local file", await PlaylistAsync("hls-file.mp4", "file:///etc/passwd"), "HLS playlist"),
        new("hls to a url", await PlaylistAsync($"hls-http-{listenerPort}.mp4", $"http://127.0.0.1:{listenerPort}/segment.ts"), "HLS playlist"),
        new("hls to concat:", await PlaylistAsync("hls-concat.mp4", "concat:/etc/passwd|/etc/hostname"), "HLS playlist"),
        new("ffconcat with subfile", await WriteAsync("ffconcat-subfile.mp4", "ffconcat version 1.0\nfile 'subfile,,start,0,end,0,,:/etc/passwd'\nfile 'concat:/etc/passwd|/etc/hosts'\n"), "ffconcat list"),
    ];

    public static Task<string> EmptyAsync() => WriteAsync("empty.mp4", "");

    /// <summary>The first half of an MP4 whose index comes first: ffprobe reads it fine, the frames run out halfway.</summary>
    private static async Task<string> TruncatedAsync()
    {
        var faststart = await TestVideos.GenerateAsync("hostile-faststart.mp4", ["-i", await TestVideos.PatternAsync(seconds: 3), "-c", "copy", "-movflags", "+faststart"]);
        var bytes = await File.ReadAllBytesAsync(faststart);
        return await WriteAsync("truncated.mp4", bytes[..(bytes.Length / 2)]);
    }

    /// <summary>A whole MP4 (index at the end, as a camera writes it) with its moov box cut out.</summary>
    private static async Task<string> WithoutMoovAsync()
    {
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 3));
        using var kept = new MemoryStream();
        var found = false;
        for (var offset = 0; offset + 8 <= bytes.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            Assert.True(size >= 8, $"unexpected box size {size}");
            if (type == "moov")
            {
                found = true;
            }
            else
            {
                kept.Write(bytes, offset, size);
            }

            offset += size;
        }

        Assert.True(found, "the generated MP4 has no moov box to remove");
        return await WriteAsync("no-moov.mp4", kept.ToArray());
    }

    /// <summary>20000x16 solid colour, MJPEG in Matroska: wider than the worker's 8192 limit, yet a tiny file.</summary>
    private static Task<string> HugeFrameAsync() =>
        TestVideos.GenerateAsync("hostile-huge.mkv", ["-f", "lavfi", "-i", "color=c=red:size=20000x16:rate=1:duration=2", "-c:v", "mjpeg", "-f", "matroska"]);

    /// <summary>2x2 FFV1 at one frame per 1000 s: 16 frames lasting 4 h 26 min, past the 4 h limit, in about a kilobyte.</summary>
    private static Task<string> VeryLongAsync() =>
        TestVideos.GenerateAsync("hostile-long.mkv", ["-f", "lavfi", "-i", "color=c=blue:size=2x2:rate=1/1000:duration=16000", "-c:v", "ffv1", "-f", "matroska"]);

    /// <summary>One second at 1000 frames per second: over the 240 limit.</summary>
    private static Task<string> ExtremeFrameRateAsync() =>
        TestVideos.GenerateAsync("hostile-1000fps.mkv", ["-f", "lavfi", "-i", "color=c=green:size=16x16:rate=1000:duration=1", "-c:v", "ffv1", "-f", "matroska"]);

    private static Task<string> PlaylistAsync(string name, string segment) =>
        WriteAsync(name, $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{segment}\n#EXT-X-ENDLIST\n");

    private static Task<string> WriteAsync(string name, string text) => WriteAsync(name, Encoding.UTF8.GetBytes(text));

    private static async Task<string> WriteAsync(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Directory, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }
}
