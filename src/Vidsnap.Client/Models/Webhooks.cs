namespace Vidsnap.Client.Models;

public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events);

public sealed record Webhook(Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

/// <summary>The answers that carry the signing secret (whsec_...), the only ones that ever do.</summary>
public sealed record WebhookWithSecret(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookAttempt(int Attempt, int? StatusCode, int DurationMs, string? Error, DateTimeOffset At);

public sealed record WebhookDelivery(
    string Id, string Event, Guid VideoId, string Status, int Attempts, int? LastStatusCode, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttempt> AttemptLog);
