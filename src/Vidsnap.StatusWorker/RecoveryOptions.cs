using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.StatusWorker;

public sealed class RecoveryOptions : IOptionsSection
{
    public const string Section = "Recovery";

    static string IOptionsSection.Section => Section;

    /// <summary>How often to look for videos whose messages were lost; 0 turns the sweep off.</summary>
    [Range(0, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// A Queued or Processing video with no news for this long, or a finished one whose email is not sent, has its
    /// message sent again. Longer than a queue's visibility timeout, so an ordinary redelivery comes first.
    /// </summary>
    [Range(10, int.MaxValue, ErrorMessage = "Recovery:StaleAfterSeconds must be at least 10.")]
    public int StaleAfterSeconds { get; set; } = 900;

    /// <summary>Times one attempt's job (or email) is asked for again before the video ends Failed (or the email is given up).</summary>
    [Range(0, 100)]
    public int MaxResends { get; set; } = 3;

    /// <summary>Videos last changed longer ago than this are left alone.</summary>
    [Range(1, 87_600, ErrorMessage = "Recovery:LookbackHours must be at least 1.")]
    public int LookbackHours { get; set; } = 24;
}
