namespace Vidsnap.Platform.Messaging;

/// <summary>
/// A wake-up call between threads of one process: Notify releases one waiter, or the next one to wait; notifying
/// again before anyone waited changes nothing. Waiters also wake on their timeout, so a missed call costs latency only.
/// </summary>
public class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread notified between the check and the release: one call is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            signal.Dispose();
        }
    }
}
