using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Retention;

/// <summary>How long uploads and outputs are kept; each video keeps the retention it was created under.</summary>
public sealed class RetentionOptions : IOptionsSection
{
    public const string Section = "Retention";

    static string IOptionsSection.Section => Section;

    /// <summary>Days an uploaded source is kept after the video was created; a Failed video can be retried until then.</summary>
    [Range(1, 3_650)]
    public int SourceDays { get; set; } = 7;

    /// <summary>Days a finished video and its outputs are kept after it finished.</summary>
    [Range(1, 3_650)]
    public int OutputDays { get; set; } = 30;

    /// <summary>How often the status worker deletes what is due; 0 turns retention off (nothing is deleted on schedule).</summary>
    [Range(0, 86_400)]
    public int SweepIntervalSeconds { get; set; } = 3_600;

    /// <summary>
    /// An object under a video's folder with no video row is removed once it is this old: an upload that lands
    /// after its video was deleted. The grace covers a video being created (its slot is made before its row commits).
    /// </summary>
    [Range(1, 10_080)]
    public int OrphanGraceMinutes { get; set; } = 60;

    /// <summary>
    /// A video still awaiting its upload this long after its upload slot's URLs stopped working (Storage's
    /// UrlExpiryMinutes after it was created or its upload last resumed) is abandoned: the sweep removes it, its
    /// multipart upload and its objects. The grace lets a client that is still sending resume and finish.
    /// </summary>
    [Range(0, 10_080)]
    public int AbandonedUploadGraceMinutes { get; set; } = 60;
}
