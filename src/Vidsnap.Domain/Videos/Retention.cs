namespace Vidsnap.Domain.Videos;

/// <summary>How long a video's upload and its outputs are kept: the source for SourceDays after creation, the rest for OutputDays after it finished.</summary>
public sealed record Retention(int SourceDays, int OutputDays);
