namespace Vidsnap.VideoWorker;

/// <summary>What ffprobe found in the first video stream, and the container around it.</summary>
public sealed record MediaInfo(string Format, double DurationSeconds, string Codec, int Width, int Height, double FrameRate, int StreamCount);
