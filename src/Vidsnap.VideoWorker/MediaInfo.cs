namespace Vidsnap.VideoWorker;

/// <summary>
/// What ffprobe found in the first video stream and its container. Width and height are as displayed: a
/// portrait phone video recorded as 1920x1080 with a 90° rotation is 1080x1920 here, as its frames will be.
/// </summary>
public sealed record MediaInfo(
    string Format, double DurationSeconds, string Codec, int Width, int Height, double FrameRate, int StreamCount, double StartTime = 0, int Rotation = 0);
