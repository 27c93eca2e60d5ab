using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Aws.Sqs;

/// <summary>
/// SQS: long polling, one message per receive, visibility changed to extend or release, and failures left to
/// the queue's redrive policy, which moves a message to its dead-letter queue after maxReceiveCount receives.
/// </summary>
public sealed class SqsMessageQueue(IAmazonSQS sqs, IOptions<SqsOptions> sqsOptions, IOptions<QueueOptions> queueOptions) : IMessageQueue
{
    private const string ReceiveCount = "ApproximateReceiveCount";
    private const string SentTimestamp = "SentTimestamp";
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);
    private readonly ConcurrentDictionary<string, Task<string>> urls = new(StringComparer.Ordinal);

    public async Task SendAsync(string queue, string body, CancellationToken cancellationToken)
    {
        using var activity = MessageTracing.StartSend(queue);
        var request = new SendMessageRequest { QueueUrl = await UrlAsync(queue), MessageBody = body };
        if (MessageTracing.CurrentTraceParent() is { } traceParent)
        {
            request.MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [MessageTracing.TraceParentAttribute] = new() { DataType = "String", StringValue = traceParent },
            };
        }

        await sqs.SendMessageAsync(request, cancellationToken);
    }

    public async Task<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken)
    {
#pragma warning disable CS0618 // AttributeNames is the older name; some SQS-compatible servers only answer to it.
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = await UrlAsync(queue),
            MaxNumberOfMessages = 1,
            WaitTimeSeconds = (int)Math.Clamp(wait.TotalSeconds, 0, 20),
            VisibilityTimeout = Seconds(visibilityTimeout),
            MessageSystemAttributeNames = [ReceiveCount, SentTimestamp],
            AttributeNames = [ReceiveCount, SentTimestamp],
            MessageAttributeNames = [MessageTracing.TraceParentAttribute],
        }, cancellationToken);
#pragma warning restore CS0618
        var message = response.Messages?.FirstOrDefault();
        if (message is null)
        {
            return null;
        }

        var count = message.Attributes?.TryGetValue(ReceiveCount, out var text) == true && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        DateTimeOffset? sent = message.Attributes?.TryGetValue(SentTimestamp, out var ms) == true && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? DateTimeOffset.FromUnixTimeMilliseconds(at)
            : null;
        var traceParent = message.MessageAttributes?.TryGetValue(MessageTracing.TraceParentAttribute, out var value) == true ? value.StringValue : null;
        return new ReceivedMessage(queue, message.ReceiptHandle, message.Body, count, traceParent, sent);
    }

    public async Task ExtendAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        await ChangeVisibilityAsync(message, visibilityTimeout, cancellationToken);

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await sqs.DeleteMessageAsync(await UrlAsync(message.Queue), message.ReceiptHandle, cancellationToken);
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await ChangeVisibilityAsync(message, delay, cancellationToken);

    public async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in QueueNames.All)
        {
            await UrlAsync(queue);
        }
    }

    /// <summary>
    /// Creates each queue with its dead-letter queue and redrive policy, for local SQS-compatible servers; on
    /// AWS the queues are made by infrastructure code with the same shape.
    /// </summary>
    public async Task EnsureQueuesAsync(Func<string, int> visibilityTimeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visibilityTimeoutSeconds);
        var names = sqsOptions.Value;
        foreach (var queue in QueueNames.All)
        {
            var dlq = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = names.DeadLetterQueueName(queue) }, cancellationToken);
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = dlq.QueueUrl, AttributeNames = ["QueueArn"] }, cancellationToken);
            var redrive = $$"""{"deadLetterTargetArn":"{{attributes.Attributes["QueueArn"]}}","maxReceiveCount":"{{queueOptions.Value.MaxReceiveCount}}"}""";
            var main = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = names.QueueName(queue) }, cancellationToken);
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
            {
                QueueUrl = main.QueueUrl,
                Attributes = new Dictionary<string, string>
                {
                    ["RedrivePolicy"] = redrive,
                    ["VisibilityTimeout"] = visibilityTimeoutSeconds(queue).ToString(CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }
    }

    public async Task<int> CountDeadLettersAsync(string queue, CancellationToken cancellationToken)
    {
        var url = (await sqs.GetQueueUrlAsync(sqsOptions.Value.DeadLetterQueueName(queue), cancellationToken)).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["ApproximateNumberOfMessages"] }, cancellationToken);
        return attributes.ApproximateNumberOfMessages;
    }

    private async Task ChangeVisibilityAsync(ReceivedMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await sqs.ChangeMessageVisibilityAsync(await UrlAsync(message.Queue), message.ReceiptHandle, Seconds(timeout), cancellationToken);
    }

    private Task<string> UrlAsync(string queue)
    {
        var task = urls.GetOrAdd(queue, async q => (await sqs.GetQueueUrlAsync(sqsOptions.Value.QueueName(q))).QueueUrl);
        if (task.IsFaulted)
        {
            // Do not cache a failure: the queue may exist by the next call.
            urls.TryRemove(queue, out _);
        }

        return task;
    }

    private static int Seconds(TimeSpan span) => (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), 0, MaxVisibility.TotalSeconds);
}
