namespace Vidsnap.Infrastructure.Aws;

public sealed class SqsOptions
{
    public const string Section = "Queues:Sqs";

    /// <summary>Prefix of every queue name, so several installations can share an account.</summary>
    public string NamePrefix { get; set; } = "vidsnap-";

    public string DeadLetterSuffix { get; set; } = "-dlq";

    public string QueueName(string queue) => NamePrefix + queue;

    public string DeadLetterQueueName(string queue) => NamePrefix + queue + DeadLetterSuffix;
}
