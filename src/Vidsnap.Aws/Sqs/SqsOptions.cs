using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Aws.Sqs;

public sealed class SqsOptions : IOptionsSection
{
    public const string Section = "Queues:Sqs";

    static string IOptionsSection.Section => Section;

    /// <summary>Prefix of every queue name, so several installations can share an account.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{0,40}$", ErrorMessage = "Queues:Sqs:NamePrefix may hold only letters, digits, hyphens and underscores (at most 40).")]
    public string NamePrefix { get; set; } = "vidsnap-";

    [RegularExpression("^[A-Za-z0-9_-]{1,20}$", ErrorMessage = "Queues:Sqs:DeadLetterSuffix may hold only letters, digits, hyphens and underscores (1 to 20).")]
    public string DeadLetterSuffix { get; set; } = "-dlq";

    public string QueueName(string queue) => NamePrefix + queue;

    public string DeadLetterQueueName(string queue) => NamePrefix + queue + DeadLetterSuffix;
}
