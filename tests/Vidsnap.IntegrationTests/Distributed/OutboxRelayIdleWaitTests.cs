using Vidsnap.Platform.Messaging;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>An idle relay reads the outbox less and less often, down to one read each <see cref="OutboxRelay.MaxIdlePoll"/>.</summary>
public sealed class OutboxRelayIdleWaitTests
{
    [Fact]
    public void Each_empty_read_doubles_the_wait_up_to_the_most()
    {
        var waits = new List<double>();
        var wait = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 6; i++)
        {
            waits.Add(wait.TotalSeconds);
            wait = OutboxRelay.NextIdleWait(wait);
        }

        Assert.Equal([1, 2, 4, 5, 5, 5], waits);
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxRelay.MaxIdlePoll);
    }
}
