using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Uploads;

/// <summary>How one file's upload ended: what --json prints for it and the summary table shows.</summary>
internal sealed record FileOutcome(string File, Guid? Id, VideoStatus? Status, int? FrameCount, string? Error, string? Zip, int ExitCode);

/// <summary>Hears how one file's upload goes, to show it.</summary>
internal interface IFileReporter
{
    void Uploading(long totalBytes);

    /// <summary>Bytes sent (or already stored, on a resume); negative when a failed try is undone.</summary>
    void Sent(long bytes);

    void Queued(Guid id);

    void Changed(VideoChange change);

    void Downloading(string zip);

    void Finished(FileOutcome outcome);
}
