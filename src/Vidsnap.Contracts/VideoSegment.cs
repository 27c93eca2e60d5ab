namespace Vidsnap.Contracts;

/// <summary>Which part of a video's work a <see cref="VideoJob"/> asks for.</summary>
public enum VideoJobStage
{
    /// <summary>The whole video: extracted by the worker that takes it, or, when its decode work is large, planned into segments.</summary>
    Whole,

    /// <summary>One segment of a split video: its frames and thumbnails stored under their final keys, and a record of them.</summary>
    Segment,

    /// <summary>All segments are stored: the zip, manifest, poster, storyboard and contact sheet are made from them.</summary>
    Join,
}

/// <summary>
/// A run of a split video's plan: the plan's frames [FirstFrame, FirstFrame + FrameCount) (0-based), decoded from
/// Start, a keyframe where the index has one, up to End (seconds of the video, without its start offset). Index is
/// what <see cref="VideoStatusEvent.Segment"/> names. Keyframes, when the plan seeks by the keyframe index, are the
/// index's keyframes from the one at or before Start to End, so the segment's worker need not scan for them.
/// </summary>
public sealed record VideoSegment(int Index, int FirstFrame, int FrameCount, double Start, double End, IReadOnlyList<double>? Keyframes = null);
