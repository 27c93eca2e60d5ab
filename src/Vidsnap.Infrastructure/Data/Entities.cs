using Vidsnap.Contracts;

namespace Vidsnap.Infrastructure.Data;

public sealed class User
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Failed sign-ins per email, kept whether or not an account has that email, so a locked-out unknown email
/// looks exactly like a locked-out known one.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>SHA-256 of the normalized email.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>All tokens descended from one login; reuse of a rotated token revokes the family.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>SHA-256 of the token: a database leak does not hand out sessions.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class SigningKey
{
    public required string Kid { get; set; }

    public required string Algorithm { get; set; }

    /// <summary>PKCS#8 private key, base64.</summary>
    public required string PrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Video
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string OwnerEmail { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    public required string OptionsJson { get; set; }

    public VideoStatus Status { get; set; }

    /// <summary>Grows each time the video is queued; events of an older attempt are stale.</summary>
    public int Attempt { get; set; }

    public int Progress { get; set; }

    public int? FrameCount { get; set; }

    public string? Error { get; set; }

    public required string SourceKey { get; set; }

    /// <summary>The S3 multipart upload the client is filling, when the file was too big for one PUT.</summary>
    public string? UploadId { get; set; }

    public required string OutputKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two writers of one video cannot both win.</summary>
    public Guid Version { get; set; }

    public List<VideoHistoryEntry> History { get; } = [];
}

public sealed class VideoHistoryEntry
{
    public long Id { get; set; }

    public Guid VideoId { get; set; }

    public VideoStatus Status { get; set; }

    public int Attempt { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Detail { get; set; }
}

/// <summary>A message written in the same transaction as the change that causes it; the relay publishes it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>W3C traceparent of the change that wrote it, so the published message continues that trace.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>
/// Emails by de-duplication key: claimed before sending (so two deliveries of one request racing each other
/// do not both send), marked sent after, so a redelivered request sends nothing.
/// </summary>
public sealed class SentNotification
{
    public required string Key { get; set; }

    /// <summary>Until when the claimant may be sending; after that a crashed claimant's claim can be taken over.</summary>
    public DateTimeOffset ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>The embedded queue's messages. Times are Unix milliseconds so one SQL statement can lease.</summary>
public sealed class QueueMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public long VisibleAtMs { get; set; }

    public int ReceiveCount { get; set; }

    public string? LeaseId { get; set; }

    public long EnqueuedAtMs { get; set; }

    /// <summary>W3C traceparent of the sender: the embedded queue's counterpart of an SQS message attribute.</summary>
    public string? TraceParent { get; set; }
}

public sealed class DeadLetterMessage
{
    public long Id { get; set; }

    public required string Queue { get; set; }

    public required string Body { get; set; }

    public int ReceiveCount { get; set; }

    public long EnqueuedAtMs { get; set; }

    public long DeadAtMs { get; set; }
}
