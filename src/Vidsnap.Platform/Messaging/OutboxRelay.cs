using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Platform.Messaging;

/// <summary>
/// Publishes committed outbox messages, oldest first, and deletes each after its send. A crash between the
/// two publishes it again: consumers are idempotent, so at-least-once is enough.
/// Every role that writes to the outbox runs a relay over the one table, so each claims a message before
/// sending it; without the claim, two relays reading the same batch both sent it, and a 4-segment split ran
/// 8 segment jobs. A relay that dies holding a claim loses nothing: the claim lapses and another sends it.
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes, IMessageQueue queue, OutboxSignal signal, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between reads of an empty outbox. This process's own saves wake it at once; a read only
    /// finds what another process left (a lapsed claim, a process gone before its send), so each empty read
    /// doubles the wait up to this: a role idles at a query every few seconds, not one a second per pod.
    /// </summary>
    internal static readonly TimeSpan MaxIdlePoll = TimeSpan.FromSeconds(5);

    /// <summary>Far longer than a send takes; a send that outlasts it may be repeated, which at-least-once allows.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = IdlePoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RelayBatchAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(idle, stoppingToken);
                    idle = NextIdleWait(idle);
                }
                else
                {
                    idle = IdlePoll;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay failed; retrying");
                await Task.Delay(IdlePoll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The wait after one more empty read: twice the last, at most <see cref="MaxIdlePoll"/>.</summary>
    internal static TimeSpan NextIdleWait(TimeSpan last) => last * 2 < MaxIdlePoll ? last * 2 : MaxIdlePoll;

    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var now = time.GetUtcNow();
        var batch = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ClaimedUntil == null || m.ClaimedUntil < now)
            .OrderBy(m => m.Id).Take(50).ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            if (!await ClaimAsync(db, message.Id, cancellationToken))
            {
                continue;
            }

            using (MessageTracing.StartRelay(message.Queue, message.TraceParent))
            {
                await queue.SendAsync(message.Queue, message.Body, cancellationToken);
            }

            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return batch.Count;
    }

    /// <summary>
    /// A compare-and-set: of relays racing for one message, exactly one updates the row. PostgreSQL re-checks
    /// the condition on the row a concurrent claim committed; SQLite runs one writer at a time.
    /// </summary>
    private async Task<bool> ClaimAsync(VidsnapDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + ClaimLease;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        return claimed == 1;
    }
}
