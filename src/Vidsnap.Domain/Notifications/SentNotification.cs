namespace Vidsnap.Domain.Notifications;

/// <summary>
/// An email by its de-duplication key: claimed before sending (so two deliveries of one request racing each other
/// do not both send), marked sent after, so a redelivered request sends nothing. The status worker's sweep reads
/// it to find finished videos whose email never went out.
/// </summary>
public sealed class SentNotification
{
    public required string Key { get; set; }

    /// <summary>Until when the claimant may be sending; after that a crashed claimant's claim can be taken over.</summary>
    public DateTimeOffset ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The address it is for, lowercase: what the hourly cap per person counts.</summary>
    public string? Recipient { get; set; }

    /// <summary>Why it was not sent, when a limit held it back; it is then done with (SentAt is set) and never sent later.</summary>
    public string? HeldBack { get; set; }
}
