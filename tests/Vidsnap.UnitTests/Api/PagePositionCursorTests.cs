using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Vidsnap.Api;

namespace Vidsnap.UnitTests.Api;

public sealed class PagePositionCursorTests
{
    private static string Raw(string text) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData(VideoListOrder.Newest)]
    [InlineData(VideoListOrder.Oldest)]
    public void Position_round_trips_with_its_id_and_order(VideoListOrder order)
    {
        var position = new PagePosition(new DateTimeOffset(2026, 5, 1, 8, 30, 0, 123, TimeSpan.Zero), Guid.NewGuid(), order);
        Assert.True(PageCursor.TryDecodePosition(PageCursor.Encode(position), out var decoded));
        Assert.Equal(position, decoded);
    }

    [Fact]
    public void A_cursor_of_the_time_alone_still_reads_as_newest_first_without_an_id()
    {
        var at = DateTimeOffset.UtcNow;
        Assert.True(PageCursor.TryDecodePosition(PageCursor.Encode(at), out var decoded));
        Assert.Equal(new PagePosition(new DateTimeOffset(at.UtcTicks, TimeSpan.Zero), null, VideoListOrder.Newest), decoded);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.not-a-guid.n")]
    [InlineData("1.00000000000000000000000000000000.x")]
    [InlineData("x.00000000000000000000000000000000.n")]
    [InlineData("1.00000000000000000000000000000000.n.extra")]
    public void Malformed_positions_are_refused(string text) =>
        Assert.False(PageCursor.TryDecodePosition(Raw(text), out _));

    [Fact]
    public void List_parameters_parse_in_any_case_and_refuse_the_unknown()
    {
        var (query, errors) = VideoListQuery.Parse("failed", "  clip  ", "OLDEST");
        Assert.Empty(errors);
        Assert.Equal(new VideoListQuery(Vidsnap.Contracts.VideoStatus.Failed, "clip", VideoListOrder.Oldest), query);

        var (bad, problems) = VideoListQuery.Parse("4", new string('a', 201), "up");
        Assert.Null(bad);
        Assert.Equal(["order", "search", "status"], problems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(VideoListQuery.All, VideoListQuery.Parse(null, " ", "").Query);
    }
}
