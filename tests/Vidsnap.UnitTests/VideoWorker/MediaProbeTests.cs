using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

public sealed class MediaProbeTests
{
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
}
