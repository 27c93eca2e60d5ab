using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

public sealed class ExtractedFrameTests
{
    [Fact]
    public void Frame_names_carry_index_and_timestamp()
    {
        Assert.Equal("frame_000012_01h02m03.500s.jpg", new ExtractedFrame(12, 3723.5, "/tmp/x.jpg").EntryName);
    }
}
