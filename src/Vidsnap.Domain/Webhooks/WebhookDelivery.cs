using Vidsnap.Contracts;
using System.Security.Cryptography;
using System.Text;

namespace Vidsnap.Domain.Webhooks;

public enum DeliveryStatus
{
    Pending,
    Succeeded,

    /// <summary>Every attempt of the schedule failed, or the endpoint was disabled.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint, sent until the receiver answers 2xx or the retry schedule runs out. Its id is the
/// <c>webhook-id</c> of every attempt, and is made from the event and the endpoint, so the same event handed to
/// the notifier twice makes one delivery, not two.
/// </summary>
public sealed class WebhookDelivery : IOwnedByAccount
{
    private readonly List<WebhookAttempt> attempts = [];

    private WebhookDelivery()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public Guid EndpointId { get; private set; }

    public Guid UserId { get; private set; }

    public Guid VideoId { get; private set; }

    public string EventType { get; private set; } = string.Empty;

    /// <summary>The JSON body every attempt sends, fixed when the event happened.</summary>
    public string Payload { get; private set; } = string.Empty;

    public DeliveryStatus Status { get; private set; }

    public int AttemptCount { get; private set; }

    /// <summary>How far along the retry schedule it is; a redelivery starts it again.</summary>
    public int ScheduleStep { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Until when a sender owns the next attempt; another sender takes it over only after that.</summary>
    public DateTimeOffset ClaimedUntil { get; private set; }

    public int? LastStatusCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Only as far as they were loaded with it.</summary>
    public IReadOnlyList<WebhookAttempt> Attempts => attempts;

    public static string IdFor(Guid eventMessageId, Guid endpointId) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{eventMessageId:N}:{endpointId:N}")))[..32];

    public static WebhookDelivery For(WebhookEndpoint endpoint, Guid eventMessageId, Guid videoId, string eventType, string payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookDelivery
        {
            Id = IdFor(eventMessageId, endpoint.Id),
            EndpointId = endpoint.Id,
            UserId = endpoint.UserId,
            VideoId = videoId,
            EventType = eventType,
            Payload = payload,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            ClaimedUntil = DateTimeOffset.MinValue,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Records an attempt's outcome: a 2xx ends it; otherwise the next attempt waits the schedule's next delay,
    /// and when the schedule is spent the delivery has failed.
    /// </summary>
    public void RecordAttempt(int? statusCode, TimeSpan duration, string? error, DateTimeOffset now, IReadOnlyList<TimeSpan> retrySchedule)
    {
        ArgumentNullException.ThrowIfNull(retrySchedule);
        AttemptCount++;
        attempts.Add(new WebhookAttempt(Id, AttemptCount, statusCode, (int)Math.Round(duration.TotalMilliseconds), error, now));
        LastStatusCode = statusCode;
        UpdatedAt = now;
        ClaimedUntil = DateTimeOffset.MinValue;
        if (statusCode is >= 200 and < 300)
        {
            Status = DeliveryStatus.Succeeded;
            return;
        }

        if (ScheduleStep < retrySchedule.Count)
        {
            NextAttemptAt = now + retrySchedule[ScheduleStep];
            ScheduleStep++;
        }
        else
        {
            Status = DeliveryStatus.Failed;
        }
    }

    /// <summary>
    /// Takes the next attempt for this sender, when one is due and no other sender holds it; the save then
    /// decides between two senders that both took it (the claim is a concurrency token).
    /// </summary>
    public bool Claim(DateTimeOffset now, TimeSpan lease)
    {
        if (Status != DeliveryStatus.Pending || NextAttemptAt > now || ClaimedUntil > now)
        {
            return false;
        }

        ClaimedUntil = now + lease;
        return true;
    }

    /// <summary>The endpoint was disabled: nothing more is sent.</summary>
    public void Abandon(DateTimeOffset now)
    {
        Status = DeliveryStatus.Failed;
        UpdatedAt = now;
    }

    /// <summary>Sends it once more now, with the same webhook-id, whatever became of it; the schedule starts again.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        Status = DeliveryStatus.Pending;
        ScheduleStep = 0;
        NextAttemptAt = now;
        ClaimedUntil = DateTimeOffset.MinValue;
        UpdatedAt = now;
    }
}

/// <summary>One try of a delivery, for the delivery log: the answer's status code (none when it never came), how long it took, why it failed.</summary>
public sealed class WebhookAttempt
{
    internal WebhookAttempt(string deliveryId, int number, int? statusCode, int durationMs, string? error, DateTimeOffset at)
    {
        DeliveryId = deliveryId;
        Number = number;
        StatusCode = statusCode;
        DurationMs = durationMs;
        Error = error;
        At = at;
    }

    private WebhookAttempt()
    {
    }

    public long Id { get; private set; }

    public string DeliveryId { get; private set; } = string.Empty;

    public int Number { get; private set; }

    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset At { get; private set; }
}
