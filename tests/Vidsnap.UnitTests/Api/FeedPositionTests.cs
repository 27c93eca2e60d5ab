using Vidsnap.Api.Events;

namespace Vidsnap.UnitTests.Api;

/// <summary>The change feed's position when ids commit out of order, as PostgreSQL's may.</summary>
public sealed class FeedPositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FeedPosition position = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void Ids_read_in_order_move_the_watermark_with_them()
    {
        position.Start(10, Enumerable.Range(1, 10).Select(i => (long)i), Now);
        Assert.Equal(10, position.Watermark);

        Assert.Equal(11, position.Accept(11, Now));
        Assert.Equal(12, position.Accept(12, Now));
        Assert.Empty(position.Gaps);
        Assert.False(position.IsNew(12));
        Assert.True(position.IsNew(13));
    }

    [Fact]
    public void A_change_read_before_an_earlier_one_commits_holds_the_watermark_below_the_missing_one_until_it_comes()
    {
        position.Start(10, Enumerable.Range(1, 10).Select(i => (long)i), Now);

        Assert.Equal(10, position.Accept(12, Now));
        Assert.Equal([11], position.Gaps);
        Assert.True(position.IsNew(11));
        Assert.Equal(10, position.Accept(13, Now));

        Assert.Equal(13, position.Accept(11, Now));
        Assert.Empty(position.Gaps);
        Assert.False(position.IsNew(11));
    }

    [Fact]
    public void A_missing_id_is_given_up_on_after_the_timeout_as_a_rolled_back_insert()
    {
        position.Start(0, [], Now);
        position.Accept(1, Now);
        position.Accept(3, Now.AddSeconds(1));

        position.Expire(Now.AddSeconds(30));
        Assert.Equal(1, position.Watermark);
        position.Expire(Now.AddSeconds(31));
        Assert.Equal(3, position.Watermark);
        Assert.False(position.IsNew(2));
    }

    [Fact]
    public void At_start_the_ids_below_the_newest_that_are_not_there_yet_are_waited_for()
    {
        position.Start(20, Enumerable.Range(1, 20).Where(i => i != 18).Select(i => (long)i), Now);

        Assert.Equal([18], position.Gaps);
        Assert.Equal(17, position.Watermark);
        Assert.True(position.IsNew(18));
        Assert.False(position.IsNew(19));
        Assert.Equal(17, position.Accept(21, Now));
        Assert.Equal(21, position.Accept(18, Now));
    }

    [Fact]
    public void At_start_the_ids_pruned_below_the_oldest_change_kept_are_not_waited_for()
    {
        // Changes 1 to 40 were pruned; 41 to 50 are kept, but for 47, still to commit.
        position.Start(50, Enumerable.Range(41, 10).Where(i => i != 47).Select(i => (long)i), Now);

        Assert.Equal([47], position.Gaps);
        Assert.Equal(46, position.Watermark);
        Assert.False(position.IsNew(40));
    }

    [Fact]
    public void A_jump_larger_than_any_number_of_inserts_in_flight_is_waited_for_only_near_its_top()
    {
        position.Start(0, [], Now);

        position.Accept(1_000_000, Now);

        Assert.Equal(FeedPosition.MaxGaps, position.Gaps.Count);
        Assert.Equal(1_000_000 - FeedPosition.MaxGaps - 1, position.Watermark);
        Assert.False(position.IsNew(5));
    }

    [Fact]
    public void An_empty_log_starts_at_zero()
    {
        position.Start(0, [], Now);

        Assert.Equal((0, 0), (position.Highest, position.Watermark));
        Assert.Empty(position.Gaps);
        Assert.Equal(1, position.Accept(1, Now));
    }
}
