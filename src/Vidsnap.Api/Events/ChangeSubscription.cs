using System.Threading.Channels;

namespace Vidsnap.Api.Events;

/// <summary>
/// One stream's share of the change feed: the changes of its user read after it subscribed, in the order they were
/// read. A stream that falls too far behind is ended rather than buffered without bound; its client resumes from
/// the log.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    private const int Capacity = 10_000;

    private readonly Channel<FeedItem> items = Channel.CreateBounded<FeedItem>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Action<ChangeSubscription> unsubscribe;

    internal ChangeSubscription(Guid userId, long position, Action<ChangeSubscription> unsubscribe)
    {
        UserId = userId;
        Position = position;
        this.unsubscribe = unsubscribe;
    }

    public Guid UserId { get; }

    /// <summary>The feed's watermark when this subscribed: every change up to it was saved before, every later one comes here.</summary>
    public long Position { get; }

    public ChannelReader<FeedItem> Items => items.Reader;

    /// <summary>A stream <see cref="Capacity"/> changes behind is ended instead.</summary>
    internal void Deliver(FeedItem item)
    {
        if (!items.Writer.TryWrite(item))
        {
            items.Writer.TryComplete();
        }
    }

    internal void End() => items.Writer.TryComplete();

    public void Dispose() => unsubscribe(this);
}
