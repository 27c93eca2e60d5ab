using System.Diagnostics;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Platform.Telemetry;

/// <summary>
/// W3C trace context across queue hops, so one video's trace runs from the HTTP request to the email: a
/// sender writes the current traceparent beside the body (an SQS message attribute, a column of the embedded
/// queue and of the outbox), and a consumer starts its span as a child of it.
/// </summary>
public static class MessageTracing
{
    public const string TraceParentAttribute = "traceparent";

    /// <summary>The traceparent to store or send with a message; null outside any trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The producer span of one send; the traceparent sent with the message is this span's.</summary>
    public static Activity? StartSend(string queue) =>
        VidsnapTelemetry.Source.StartActivity($"{queue} send", ActivityKind.Producer)?
            .SetTag("messaging.operation.type", "send")
            .SetTag("messaging.destination.name", queue);

    /// <summary>The outbox relay publishing a row: continues the trace of the change that wrote it.</summary>
    public static Activity? StartRelay(string queue, string? traceParent) =>
        VidsnapTelemetry.Source.StartActivity("outbox relay", ActivityKind.Internal, Parent(traceParent))?
            .SetTag("messaging.destination.name", queue);

    /// <summary>The consumer span of one delivery, a child of the sender's span when the message carries one.</summary>
    public static Activity? StartProcess(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return VidsnapTelemetry.Source.StartActivity($"{message.Queue} process", ActivityKind.Consumer, Parent(message.TraceParent))?
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.destination.name", message.Queue)
            .SetTag("messaging.message.delivery_count", message.ReceiveCount);
    }

    private static ActivityContext Parent(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
