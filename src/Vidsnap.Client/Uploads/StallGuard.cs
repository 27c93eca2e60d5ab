namespace Vidsnap.Client.Uploads;

/// <summary>
/// Cancels a transfer when no byte has moved for the stall timeout: a slow link may take hours, a dead one
/// should fail within a minute. Each sign of life pushes the deadline back.
/// </summary>
internal sealed class StallGuard : IDisposable
{
    private readonly CancellationTokenSource deadline;
    private readonly CancellationTokenSource source;
    private readonly TimeSpan stall;

    public StallGuard(TimeSpan stall, TimeProvider time, CancellationToken cancellationToken)
    {
        this.stall = stall;
        // A linked source cannot take a clock, so the deadline is a source of its own on the given clock.
        deadline = new CancellationTokenSource(stall, time);
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
    }

    public CancellationToken Token => source.Token;

    public TimeSpan Timeout => stall;

    public void Touch()
    {
        try
        {
            deadline.CancelAfter(stall);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        source.Dispose();
        deadline.Dispose();
    }
}
