using System.Text.Json;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Storage;

namespace Vidsnap.VideoWorker.Segments;

/// <summary>
/// What one segment stored, under its fixed key (<see cref="ObjectKeys.SegmentRecord"/>): written after
/// its frames, so a record always names frames that are there. The join reads every segment's.
/// </summary>
public sealed record SegmentRecord(int Segment, IReadOnlyList<SegmentFrame> Frames)
{
    /// <summary>A record lists at most MaxFrames frames of about 100 bytes each.</summary>
    private const long MaxRecordBytes = 64L * 1024 * 1024;

    /// <summary>The bytes the segment stored: its frames and their thumbnails.</summary>
    public long StoredBytes => Frames.Sum(f => f.Bytes + f.ThumbnailBytes);

    /// <summary>The record segment <paramref name="segment"/> of the job's attempt stored, or null while there is none.</summary>
    public static async Task<SegmentRecord?> ReadAsync(IObjectStore store, VideoJob job, int segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(job);
        var bytes = await store.ReadSmallAsync(ObjectKeys.SegmentRecord(job.UserId, job.VideoId, job.Attempt, segment), MaxRecordBytes, cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<SegmentRecord>(bytes, MessageJson.Options)!;
    }
}

/// <summary>One frame as the segment stored it: its index in the whole plan (1-based), its exact time, its name and bytes (with its thumbnail's).</summary>
public sealed record SegmentFrame(int Index, double TimestampSeconds, string File, long Bytes, long ThumbnailBytes);
