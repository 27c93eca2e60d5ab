using Vidsnap.Contracts;

namespace Vidsnap.Domain.Webhooks;

/// <summary>
/// A system's URL that hears of a person's videos. It signs with its own secret (kept encrypted: the fields hold
/// what the secret protector made of it); a rotated secret keeps signing beside the new one for a while, so the
/// receiver can switch without missing a delivery. An endpoint that keeps failing is disabled.
/// </summary>
public sealed class WebhookEndpoint : IOwnedByAccount
{
    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>Who is told when the endpoint is disabled.</summary>
    public string OwnerEmail { get; private set; } = string.Empty;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Space separated event types.</summary>
    public string Events { get; private set; } = string.Empty;

    public string ProtectedSecret { get; private set; } = string.Empty;

    public string? PreviousProtectedSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Since when every delivery failed; null while the last one succeeded.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsEnabled => DisabledAt is null;

    public static WebhookEndpoint Register(Guid userId, string ownerEmail, Uri url, IEnumerable<string> events, string protectedSecret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        var wanted = events.ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Except(VideoEventTypes.All).ToList();
        if (wanted.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown or no event types: {string.Join(", ", unknown)}.", nameof(events));
        }

        return new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            OwnerEmail = ownerEmail,
            Url = url.AbsoluteUri,
            Events = string.Join(' ', VideoEventTypes.All.Where(wanted.Contains)),
            ProtectedSecret = protectedSecret,
            CreatedAt = now,
        };
    }

    public bool Subscribes(string type) => IsEnabled && EventList.Contains(type, StringComparer.Ordinal);

    /// <summary>The new secret signs from now on; the old one signs beside it until <paramref name="overlap"/> has passed.</summary>
    public void RotateSecret(string newProtectedSecret, DateTimeOffset now, TimeSpan overlap)
    {
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretExpiresAt = now + overlap;
        ProtectedSecret = newProtectedSecret;
    }

    /// <summary>The secrets that sign a delivery made at <paramref name="now"/>: the current one, and the previous while it lasts.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousProtectedSecret is { } previous && PreviousSecretExpiresAt > now ? [ProtectedSecret, previous] : [ProtectedSecret];

    public void RecordSuccess() => FailingSince = null;

    /// <summary>Counts a failed attempt; true when it has now failed for so long that it is disabled (its owner is then told).</summary>
    public bool RecordFailure(DateTimeOffset now, TimeSpan disableAfter)
    {
        FailingSince ??= now;
        if (!IsEnabled || now - FailingSince < disableAfter)
        {
            return false;
        }

        DisabledAt = now;
        return true;
    }

    /// <summary>Its owner fixed the receiver: deliveries go out again.</summary>
    public void Enable()
    {
        DisabledAt = null;
        FailingSince = null;
    }
}
