using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Webhooks;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Webhooks;

namespace Vidsnap.Notifier.Webhooks;

/// <summary>
/// Sends due deliveries, several at once. Each attempt is claimed in the database first (a concurrency token),
/// so notifiers running side by side never send one attempt twice; a notifier that dies mid-send loses its claim
/// when the lease passes and another sends it again, with the same webhook-id, which receivers use to recognise it.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSignal signal, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SendDueAsync(stoppingToken) == 0)
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
                logger.LogWarning(ex, "Sending webhooks failed; trying again");
                await Task.Delay(IdlePoll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One round: the due deliveries, each claimed and sent; answers how many it sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<VidsnapDbContext>().WebhookDeliveries().AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && d.ClaimedUntil <= now)
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(settings.Concurrency * 4).ToListAsync(cancellationToken);
        }

        var sent = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await AttemptAsync(id, settings, ct))
            {
                Interlocked.Increment(ref sent);
            }
        });
        return sent;
    }

    private async Task<bool> AttemptAsync(string id, WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var delivery = await db.WebhookDeliveries().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (delivery is null || !delivery.Claim(now, TimeSpan.FromSeconds(settings.TimeoutSeconds + 30)))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        var endpoint = await db.WebhookEndpoints().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is null || !endpoint.IsEnabled)
        {
            delivery.Abandon(now);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var protector = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var secrets = endpoint.SigningSecrets(now).Select(protector.Unprotect).ToList();
        var outcome = await sender.SendAsync(endpoint.Url, delivery.Id, delivery.Payload, secrets, time.GetUtcNow(), cancellationToken);
        now = time.GetUtcNow();
        delivery.RecordAttempt(outcome.StatusCode, outcome.Duration, outcome.Error, now, settings.RetrySchedule);
        var disabled = false;
        if (outcome.Succeeded)
        {
            endpoint.RecordSuccess();
        }
        else
        {
            disabled = endpoint.RecordFailure(now, TimeSpan.FromHours(settings.DisableAfterHours));
        }

        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Webhook {DeliveryId} attempt {Attempt} to endpoint {EndpointId}: {Status} in {Milliseconds} ms",
            delivery.Id, delivery.AttemptCount, endpoint.Id, outcome.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.Error, (int)outcome.Duration.TotalMilliseconds);
        if (disabled)
        {
            await DisableAsync(db, endpoint, outcome, scope.ServiceProvider.GetRequiredService<IEmailSender>(), now);
        }

        return true;
    }

    /// <summary>Stops what was still to be sent to it and tells its owner how to turn it back on.</summary>
    private async Task DisableAsync(VidsnapDbContext db, WebhookEndpoint endpoint, AttemptOutcome last, IEmailSender email, DateTimeOffset now)
    {
        await db.WebhookDeliveries().Where(d => d.EndpointId == endpoint.Id && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.UpdatedAt, now), CancellationToken.None);
        logger.LogWarning("Webhook endpoint {EndpointId} disabled after failing since {Since}", endpoint.Id, endpoint.FailingSince);
        await email.SendAsync(new OutgoingEmail(
            $"webhook-disabled-{endpoint.Id:N}-{now.ToUnixTimeSeconds()}",
            endpoint.OwnerEmail,
            "Your Vidsnap webhook was disabled",
            $"""
            Hello,

            Every delivery to your webhook endpoint {endpoint.Url} has failed since {endpoint.FailingSince:u}, so Vidsnap stopped sending to it.
            The last attempt: {last.Error ?? "no answer"}

            Once the receiver answers 2xx again, turn the endpoint back on with POST /api/webhooks/{endpoint.Id}/enable,
            and send what it missed again from its delivery log (GET /api/webhooks/{endpoint.Id}/deliveries).
            """), CancellationToken.None);
    }
}
