using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;

namespace Vidsnap.Api.Events;

/// <summary>
/// The one reader of the change log in this process: it reads the changes saved after the last it read (one
/// indexed query) and hands each to this process's open streams of its user. It reads at once when this process
/// saved changes, and every <see cref="EventsOptions.PollMilliseconds"/> for those saved by other processes.
/// While no stream is open here it reads nothing: with many api pods, most hold no stream at a time, and each
/// would otherwise query the database four times a second for no one. The next stream to open starts it again
/// from the end of the log, as at start-up; a client resuming from an older id is replayed from the log itself.
/// </summary>
public sealed class VideoChangeFeed(
    IServiceScopeFactory scopes, ChangeLogSignal signal, IOptions<EventsOptions> options, TimeProvider time, ILogger<VideoChangeFeed> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>Far longer than any save takes from its insert to its commit, which is all a gap can be waiting for.</summary>
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<ChangeSubscription>> subscribers = [];
    private readonly FeedPosition position = new(GapTimeout);
    private TaskCompletionSource readDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long readsStarted;
    private long readsDone;

    /// <summary>Streams waiting in <see cref="SubscribeAsync"/>: with these and the subscribed, the feed reads; with neither, it does not.</summary>
    private int subscribing;

    /// <summary>Reads of the change log begun so far.</summary>
    public long Reads
    {
        get
        {
            lock (gate)
            {
                return readsStarted;
            }
        }
    }

    /// <summary>
    /// Every change of the user read from now on, in the order read. It waits for one more read first, so that
    /// what was saved before the call is behind the subscription's position rather than sent to it again.
    /// </summary>
    public async Task<ChangeSubscription> SubscribeAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            subscribing++;
        }

        try
        {
            // The read waited for follows a start from the end whenever the feed was idle.
            await ReadOnceMoreAsync(cancellationToken);
            lock (gate)
            {
                var subscription = new ChangeSubscription(userId, position.Watermark, Unsubscribe);
                if (!subscribers.TryGetValue(userId, out var list))
                {
                    subscribers[userId] = list = [];
                }

                list.Add(subscription);
                return subscription;
            }
        }
        finally
        {
            // After the subscription is added, so the feed never sees neither.
            lock (gate)
            {
                subscribing--;
            }
        }
    }

    /// <summary>Wakes the feed and waits for a read that began after this call to end.</summary>
    private async Task ReadOnceMoreAsync(CancellationToken cancellationToken)
    {
        long target;
        lock (gate)
        {
            target = readsStarted + 1;
        }

        signal.Notify();
        while (true)
        {
            Task done;
            lock (gate)
            {
                if (readsDone >= target)
                {
                    return;
                }

                done = readDone.Task;
            }

            await done.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        var stale = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!IsWanted())
                    {
                        // Woken by a stream subscribing, or by a save here that no one is waiting for. Nothing
                        // saved meanwhile is read, so the position goes stale: the next read starts from the end.
                        stale = true;
                        await signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                        continue;
                    }

                    if (stale)
                    {
                        await StartAtEndAsync(stoppingToken);
                        stale = false;
                    }

                    if (await ReadAsync(stoppingToken) < BatchSize)
                    {
                        await signal.WaitAsync(poll, stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Reading the change log failed; trying again");
                    await Task.Delay(poll * 4, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            // The process is stopping: its streams end, and their clients resume elsewhere from the log.
            lock (gate)
            {
                foreach (var subscription in subscribers.Values.SelectMany(l => l))
                {
                    subscription.End();
                }
            }
        }
    }

    /// <summary>Starts after the newest change, waiting for the ids just below it that have not committed yet.</summary>
    private async Task StartAtEndAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changes = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().VideoChanges().AsNoTracking();
        var highest = await changes.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        var present = await changes.Where(c => c.Id > highest - FeedPosition.MaxGaps).Select(c => c.Id).ToListAsync(cancellationToken);
        lock (gate)
        {
            position.Start(highest, present, time.GetUtcNow());
        }
    }

    /// <summary>One read of the changes after the highest read so far, and of those still missing below it.</summary>
    private async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        long highest;
        long[] missing;
        long read;
        lock (gate)
        {
            read = ++readsStarted;
            position.Expire(time.GetUtcNow());
            highest = position.Highest;
            missing = [.. position.Gaps];
        }

        await using var scope = scopes.CreateAsyncScope();
        var changes = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().VideoChanges().AsNoTracking();
        var query = missing.Length == 0 ? changes.Where(c => c.Id > highest) : changes.Where(c => c.Id > highest || missing.Contains(c.Id));
        var batch = await query.OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        Publish(batch, read);
        return batch.Count;
    }

    /// <summary>Hands each change not read before to its user's subscriptions; then the read is done.</summary>
    private void Publish(List<VideoChange> batch, long read)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var change in batch.Where(c => position.IsNew(c.Id)))
            {
                var item = new FeedItem(change, position.Accept(change.Id, now));
                if (subscribers.TryGetValue(change.UserId, out var list))
                {
                    foreach (var subscription in list)
                    {
                        subscription.Deliver(item);
                    }
                }
            }

            readsDone = read;
            readDone.SetResult();
            readDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private bool IsWanted()
    {
        lock (gate)
        {
            return subscribing > 0 || subscribers.Count > 0;
        }
    }

    private void Unsubscribe(ChangeSubscription subscription)
    {
        lock (gate)
        {
            if (subscribers.TryGetValue(subscription.UserId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                subscribers.Remove(subscription.UserId);
            }
        }
    }
}
