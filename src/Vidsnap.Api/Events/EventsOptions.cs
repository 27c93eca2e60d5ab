using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Api.Events;

/// <summary>The live event streams of videos (Server-Sent Events) and the change log they read.</summary>
public sealed class EventsOptions : IOptionsSection
{
    public const string Section = "Events";

    static string IOptionsSection.Section => Section;

    /// <summary>Open streams one user may hold in one api process; beyond it a stream is refused with 429.</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerUser { get; set; } = 10;

    /// <summary>How often the change feed looks for changes saved by other processes (its own it follows at once).</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 250;

    /// <summary>A comment line written to an idle stream this often, so proxies and clients know it is alive.</summary>
    [Range(1, 3_600)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// Changes are kept this long, then pruned: a client away longer cannot resume and starts again from the
    /// current state. At least 24: the videos-per-day quota counts the day's creations here, deleted videos among them.
    /// </summary>
    [Range(24, 8_760)]
    public int RetentionHours { get; set; } = 24;

    /// <summary>How often each api process prunes changes older than <see cref="RetentionHours"/>.</summary>
    [Range(1, 1_440)]
    public int PruneIntervalMinutes { get; set; } = 10;

    /// <summary>A first connection to the stream of all videos starts with the state of this many of the newest.</summary>
    [Range(1, 10_000)]
    public int MaxSnapshotVideos { get; set; } = 100;
}
