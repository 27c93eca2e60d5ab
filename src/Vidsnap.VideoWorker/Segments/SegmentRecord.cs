namespace Vidsnap.VideoWorker.Segments;

/// <summary>
/// What one segment stored, under its fixed key (<see cref="Domain.Storage.ObjectKeys.SegmentRecord"/>): written after
/// its frames, so a record always names frames that are there. The join reads every segment's.
/// </summary>
public sealed record SegmentRecord(int Segment, IReadOnlyList<SegmentFrame> Frames);

/// <summary>One frame as the segment stored it: its index in the whole plan (1-based), its exact time, its name and bytes (with its thumbnail's).</summary>
public sealed record SegmentFrame(int Index, double TimestampSeconds, string File, long Bytes, long ThumbnailBytes);
