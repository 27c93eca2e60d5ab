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
/// </summary>
internal sealed class OutboxRelay(IServiceScopeFactory scopes, IMessageQueue queue, OutboxSignal signal, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RelayBatchAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
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

    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var batch = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).Take(50).ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            using (MessageTracing.StartRelay(message.Queue, message.TraceParent))
            {
                await queue.SendAsync(message.Queue, message.Body, cancellationToken);
            }

            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return batch.Count;
    }
}
