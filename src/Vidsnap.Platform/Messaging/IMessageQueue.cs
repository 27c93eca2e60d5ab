namespace Vidsnap.Platform.Messaging;

/// <summary>
/// A message leased from a queue; the receipt handle names this lease, not the message. TraceParent is the
/// sender's W3C trace context, EnqueuedAt when it was sent, where the queue knows them.
/// </summary>
public sealed record ReceivedMessage(
    string Queue, string ReceiptHandle, string Body, int ReceiveCount, string? TraceParent = null, DateTimeOffset? EnqueuedAt = null);

/// <summary>
/// The queue seam, shaped like SQS: at-least-once delivery, a visibility timeout that the receiver extends
/// while it works, delete on success, and a dead-letter queue after too many receives.
/// </summary>
public interface IMessageQueue
{
    /// <summary>Sends the body with the current trace context (see MessageTracing), as a message attribute would carry it.</summary>
    Task SendAsync(string queue, string body, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="wait"/> for one message and leases it for the visibility timeout.</summary>
    Task<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken);

    Task ExtendAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Gives the message back, visible again after the delay (zero: at once).</summary>
    Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken);

    Task CheckReachableAsync(CancellationToken cancellationToken);
}
