namespace Vidsnap.StatusWorker;

public sealed class RecoveryOptions
{
    public const string Section = "Recovery";

    /// <summary>How often to look for videos whose messages were lost; 0 turns the sweep off.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// A Queued or Processing video with no news for this long, or a finished one whose email is not sent, has its
    /// message sent again. Longer than a queue's visibility timeout, so an ordinary redelivery comes first.
    /// </summary>
    public int StaleAfterSeconds { get; set; } = 900;

    /// <summary>Videos last changed longer ago than this are left alone.</summary>
    public int LookbackHours { get; set; } = 24;
}
