using System.ComponentModel.DataAnnotations;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Options;

namespace Vidsnap.Api;

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

    public Retention ToRetention() => new(SourceDays, OutputDays);
}
