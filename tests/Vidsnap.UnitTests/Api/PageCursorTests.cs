using Vidsnap.Api;

namespace Vidsnap.UnitTests.Api;

public sealed class PageCursorTests
{
    [Fact]
    public void Page_cursor_round_trips_and_rejects_garbage()
    {
        var at = DateTimeOffset.UtcNow;
        Assert.True(PageCursor.TryDecode(PageCursor.Encode(at), out var decoded));
        Assert.Equal(at.UtcTicks, decoded.UtcTicks);
        Assert.False(PageCursor.TryDecode("%%%", out _));
        Assert.False(PageCursor.TryDecode("bm90IGEgbnVtYmVy", out _));
    }
}
