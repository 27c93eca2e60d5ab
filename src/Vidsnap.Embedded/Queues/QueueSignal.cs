using System.Collections.Concurrent;

using Vidsnap.Platform.Messaging;

namespace Vidsnap.Embedded.Queues;

/// <summary>Wakes in-process receivers the moment a message is sent, instead of at their next poll: one signal per queue.</summary>
public sealed class QueueSignal : IDisposable
{
    private readonly ConcurrentDictionary<string, WakeSignal> signals = new(StringComparer.Ordinal);

    public void Notify(string queue) => Get(queue).Notify();

    public Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) => Get(queue).WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        foreach (var signal in signals.Values)
        {
            signal.Dispose();
        }
    }

    private WakeSignal Get(string queue) => signals.GetOrAdd(queue, _ => new WakeSignal());
}
