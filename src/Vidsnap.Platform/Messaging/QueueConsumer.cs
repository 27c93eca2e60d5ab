using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Platform.Messaging;

/// <summary>
/// Receives one message at a time per loop, keeps its lease alive while the handler works, deletes it on
/// success and, on failure, gives it back after a delay: the queue's redrive policy decides when it is dead.
/// Failed messages are never acknowledged. On shutdown it stops receiving, lets running handlers finish
/// within the drain time, and gives back (visible at once) the messages of those that could not.
/// </summary>
public sealed class QueueConsumer<TMessage>(
    IServiceScopeFactory scopes,
    IMessageQueue queue,
    IOptionsMonitor<ConsumerOptions> consumerOptions,
    IOptions<QueueOptions> queueOptions,
    IOptions<VidsnapOptions> hostOptions,
    ILogger<QueueConsumer<TMessage>> logger) : BackgroundService
    where TMessage : IQueueMessage
{
    private readonly string queueName = QueueAttribute.NameOf<TMessage>();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = consumerOptions.Get(queueName);
        var loops = Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(_ => Task.Run(() => LoopAsync(options, stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task LoopAsync(ConsumerOptions options, CancellationToken stoppingToken)
    {
        var visibility = TimeSpan.FromSeconds(options.VisibilityTimeoutSeconds);
        var wait = TimeSpan.FromSeconds(queueOptions.Value.WaitSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            ReceivedMessage? message;
            try
            {
                message = await queue.ReceiveAsync(queueName, visibility, wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Receiving from {Queue} failed; retrying", queueName);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            if (message is not null)
            {
                await ProcessAsync(message, options, visibility, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(ReceivedMessage message, ConsumerOptions options, TimeSpan visibility, CancellationToken stoppingToken)
    {
        using var activity = MessageTracing.StartProcess(message);
        VidsnapTelemetry.MessageReceived(queueName, message.EnqueuedAt);
        using var handling = new CancellationTokenSource();
        await using var drain = stoppingToken.Register(() => handling.CancelAfter(hostOptions.Value.HandlerDrainTime));
        using var leaseKeeper = CancellationTokenSource.CreateLinkedTokenSource(handling.Token);
        var keepAlive = KeepLeaseAsync(message, visibility, leaseKeeper.Token);
        try
        {
            var payload = MessageJson.Deserialize<TMessage>(message.Body);
            activity?.SetTag("vidsnap.video.id", payload.VideoId.ToString());
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["VideoId"] = payload.VideoId, ["MessageId"] = payload.MessageId });
            await using var services = scopes.CreateAsyncScope();
            var handler = services.ServiceProvider.GetRequiredService<IMessageHandler<TMessage>>();
            await handler.HandleAsync(payload, new DeliveryContext(message.ReceiveCount, queueOptions.Value.MaxReceiveCount), handling.Token);
            await StopAsync(leaseKeeper, keepAlive);
            await queue.DeleteAsync(message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (handling.IsCancellationRequested)
        {
            await StopAsync(leaseKeeper, keepAlive);
            logger.LogInformation("Shutting down: the handler did not finish within the drain time; giving the {Queue} message back", queueName);
            await TryReleaseAsync(message, TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            await StopAsync(leaseKeeper, keepAlive);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, Math.Max(0, message.ReceiveCount - 1)));
            logger.LogError(ex, "Handling {Queue} message failed on receive {ReceiveCount}; retry in {Delay}", queueName, message.ReceiveCount, delay);
            await TryReleaseAsync(message, delay);
        }
    }

    private async Task KeepLeaseAsync(ReceivedMessage message, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var period = visibility / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, cancellationToken);
                await queue.ExtendAsync(message, visibility, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Extending the lease of a {Queue} message failed", queueName);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource leaseKeeper, Task keepAlive)
    {
        await leaseKeeper.CancelAsync();
        await keepAlive;
    }

    private async Task TryReleaseAsync(ReceivedMessage message, TimeSpan delay)
    {
        try
        {
            await queue.ReleaseAsync(message, delay, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease will expire by itself; the message is not lost.
            logger.LogWarning(ex, "Giving back a {Queue} message failed", queueName);
        }
    }
}
