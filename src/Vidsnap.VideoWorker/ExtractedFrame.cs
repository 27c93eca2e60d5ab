using System.Globalization;

namespace Vidsnap.VideoWorker;

/// <summary>One extracted image: its 1-based index, its time in the video, and where it is on disk.</summary>
public sealed record ExtractedFrame(int Index, double TimestampSeconds, string Path)
{
    /// <summary>A small JPEG copy made in the same ffmpeg pass, from which the extras are built.</summary>
    public string? ThumbnailPath { get; init; }

    /// <summary>Named by index and timestamp, so the zip sorts in time order and each name says when it was taken.</summary>
    public string EntryName
    {
        get
        {
            var time = TimeSpan.FromMilliseconds(Math.Round(TimestampSeconds * 1000));
            var extension = System.IO.Path.GetExtension(Path);
            return string.Create(CultureInfo.InvariantCulture,
                $"frame_{Index:000000}_{(int)time.TotalHours:00}h{time.Minutes:00}m{time.Seconds:00}.{time.Milliseconds:000}s{extension}");
        }
    }
}
