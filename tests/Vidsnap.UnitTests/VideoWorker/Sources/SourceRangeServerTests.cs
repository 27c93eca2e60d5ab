using Microsoft.Net.Http.Headers;
using Vidsnap.VideoWorker;
using Vidsnap.VideoWorker.Sources;

namespace Vidsnap.UnitTests.VideoWorker.Sources;

public sealed class SourceRangeServerTests
{
    [Theory]
    [InlineData(0L, null, 1000L, 0L, 1000L)]
    [InlineData(100L, 199L, 1000L, 100L, 100L)]
    [InlineData(900L, 5000L, 1000L, 900L, 100L)]
    [InlineData(null, 10L, 1000L, 990L, 10L)]
    [InlineData(null, 5000L, 1000L, 0L, 1000L)]
    public void A_range_resolves_against_the_objects_size(long? from, long? to, long size, long offset, long length)
    {
        Assert.True(ByteRange.TryResolve(new RangeItemHeaderValue(from, to), size, out var resolvedFrom, out var resolvedLength));
        Assert.Equal((offset, length), (resolvedFrom, resolvedLength));
    }

    [Theory]
    [InlineData(1000L, null)]
    [InlineData(1500L, 2000L)]
    public void A_range_past_the_end_is_not_satisfiable(long from, long? to) =>
        Assert.False(ByteRange.TryResolve(new RangeItemHeaderValue(from, to), 1000, out _, out _));

    /// <summary>Only the worker's own loopback reader may be read over http; anything else stays a local file path.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:41234/sources/abc", true)]
    [InlineData("http://[::1]:41234/sources/abc", true)]
    [InlineData("http://169.254.169.254/sources/abc", false)]
    [InlineData("http://example.com/sources/abc", false)]
    [InlineData("https://127.0.0.1:41234/sources/abc", false)]
    [InlineData("http://127.0.0.1:41234/latest/meta-data", false)]
    [InlineData("/tmp/work/source", false)]
    public void Only_the_workers_own_reader_is_an_http_input(string input, bool isUrl)
    {
        Assert.Equal(isUrl, SourceRangeServer.IsSourceUrl(input));
        var arguments = ToolArguments.Input(input, "mov,mp4");
        var whitelist = arguments[Array.IndexOf(arguments, "-protocol_whitelist") + 1];
        Assert.Equal(isUrl ? "http,tcp" : "file", whitelist);
        Assert.Equal(isUrl ? input : "file:" + input, arguments[^1]);
    }
}
