using Microsoft.Extensions.Options;
using Vidsnap.Api;
using Vidsnap.Auth;
using Vidsnap.Host;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests;

public class SmallPartsTests
{
    [Fact]
    public void Password_hash_is_salted_pbkdf2_with_at_least_600000_iterations()
    {
        var hasher = new PasswordHasher(Options.Create(new AuthOptions()));
        var first = hasher.Hash("correct horse");
        var second = hasher.Hash("correct horse");

        Assert.StartsWith("pbkdf2-sha256$600000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("correct horse", first));
        Assert.False(PasswordHasher.Verify("correct horsf", first));
        Assert.False(PasswordHasher.Verify("correct horse", "garbage"));
    }

    [Theory]
    [InlineData(10.0, 1.0, 10)]
    [InlineData(10.0, 3.0, 4)]
    [InlineData(9.5, 1.0, 10)]
    [InlineData(0.5, 1.0, 1)]
    [InlineData(180.0, 10.0, 18)]
    public void Expected_frames_is_duration_over_interval_rounded_up(double duration, double interval, int expected)
    {
        Assert.Equal(expected, FramePlanner.ExpectedFrames(duration, interval));
    }

    [Fact]
    public void Frame_names_carry_index_and_timestamp()
    {
        Assert.Equal("frame_000012_01h02m03.500s.jpg", new ExtractedFrame(12, 3723.5, "/tmp/x.jpg").EntryName);
    }

    [Fact]
    public void Probe_rejects_audio_only_and_over_limit_videos()
    {
        var audioOnly = """{"streams":[{"codec_type":"audio","codec_name":"aac"}],"format":{"duration":"3.0","format_name":"mov"}}""";
        var huge = """{"streams":[{"codec_type":"video","codec_name":"h264","width":30000,"height":20,"avg_frame_rate":"25/1"}],"format":{"duration":"3.0"}}""";

        Assert.Contains("no video stream", Assert.Throws<VideoRejectedException>(() => MediaProbe.Parse(audioOnly)).Message, StringComparison.Ordinal);
        Assert.Contains("30000x20", Assert.Throws<VideoRejectedException>(() => MediaProbe.Check(MediaProbe.Parse(huge), new VideoWorkerOptions())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_reads_duration_size_and_rate()
    {
        var info = MediaProbe.Parse("""{"streams":[{"codec_type":"video","codec_name":"h264","width":640,"height":360,"avg_frame_rate":"30000/1001"}],"format":{"duration":"12.5","format_name":"mov,mp4"}}""");

        Assert.Equal(12.5, info.DurationSeconds);
        Assert.Equal((640, 360), (info.Width, info.Height));
        Assert.Equal(29.97, info.FrameRate, 2);
    }

    [Fact]
    public void Page_cursor_round_trips_and_rejects_garbage()
    {
        var at = DateTimeOffset.UtcNow;
        Assert.True(PageCursor.TryDecode(PageCursor.Encode(at), out var decoded));
        Assert.Equal(at.UtcTicks, decoded.UtcTicks);
        Assert.False(PageCursor.TryDecode("%%%", out _));
        Assert.False(PageCursor.TryDecode("bm90IGEgbnVtYmVy", out _));
    }

    [Fact]
    public void Roles_parse_all_lists_and_reject_unknown_names()
    {
        Assert.True(RoleSet.Parse(null).Has(RoleSet.Notifier));
        var some = RoleSet.Parse("api, video-worker");
        Assert.True(some.Has(RoleSet.VideoWorker));
        Assert.False(some.Has(RoleSet.Gateway));
        Assert.Throws<ArgumentException>(() => RoleSet.Parse("api,frobnicator"));
        Assert.Equal(["--Vidsnap:Roles=notifier", "--urls", "x"], RoleSet.NormalizeArguments(["notifier", "--urls", "x"]));
        Assert.Equal(["--Vidsnap:Roles", "api"], RoleSet.NormalizeArguments(["--role", "api"]));
    }
}
