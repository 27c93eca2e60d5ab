namespace Vidsnap.Client.Uploads;

/// <summary>
/// Cancels a transfer when no byte has moved for the stall timeout: a slow link may take hours, a dead one
/// should fail within a minute. Each sign of life pushes the deadline back.
/// </summary>
internal sealed class StallGuard : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly TimeSpan stall;

    public StallGuard(TimeSpan stall, CancellationToken cancellationToken)
    {
        this.stall = stall;
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(stall);
    }

    public CancellationToken Token => source.Token;

    public TimeSpan Timeout => stall;

    public void Touch()
    {
        try
        {
            source.CancelAfter(stall);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => source.Dispose();
}
