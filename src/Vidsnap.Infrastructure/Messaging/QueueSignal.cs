using System.Collections.Concurrent;

namespace Vidsnap.Infrastructure.Messaging;

/// <summary>Wakes in-process receivers the moment a message is sent, instead of at their next poll.</summary>
public sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> signals = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
        var signal = Get(queue);
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    public async Task WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Get(queue).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Get(string queue) => signals.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
}
