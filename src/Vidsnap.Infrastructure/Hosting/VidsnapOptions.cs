namespace Vidsnap.Infrastructure;

public sealed class VidsnapOptions
{
    public const string Section = "Vidsnap";

    /// <summary>"embedded" (one process, SQLite, files) or "distributed" (PostgreSQL, S3, SQS, SMTP).</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Roles this process runs: comma separated, or "all".</summary>
    public string Roles { get; set; } = "all";

    public string? DataDirectory { get; set; }

    /// <summary>The address clients use to reach the gateway; taken from each request when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long a process may take to stop after SIGTERM. Workers stop receiving at once, let running handlers
    /// finish for all but the last 5 s of it, then give their messages back to the queue. Kubernetes'
    /// terminationGracePeriodSeconds must be longer.
    /// </summary>
    public int ShutdownGraceSeconds { get; set; } = 30;

    public TimeSpan HandlerDrainTime => TimeSpan.FromSeconds(Math.Max(1, ShutdownGraceSeconds - 5));
}
