namespace Vidsnap.VideoWorker;

public sealed class VideoWorkerOptions
{
    public const string Section = "VideoWorker";

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Demuxers ffmpeg may use: a file is only ever read as one of these containers.</summary>
    public string AllowedFormats { get; set; } = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpeg,mpegts,flv,ogg,asf,mxf";

    public double MaxDurationSeconds { get; set; } = 4 * 3600;

    public int MaxWidth { get; set; } = 8192;

    public int MaxHeight { get; set; } = 8192;

    public double MaxFrameRate { get; set; } = 240;

    public int MaxStreams { get; set; } = 16;

    public int MaxFrames { get; set; } = 10_000;

    /// <summary>ffmpeg is killed when it reports no progress for this long.</summary>
    public int StallTimeoutSeconds { get; set; } = 60;

    /// <summary>The whole job's wall-clock limit.</summary>
    public int JobTimeoutMinutes { get; set; } = 60;

    /// <summary>Intervals shorter than this are extracted in one decoding pass; longer ones by seeking to each moment.</summary>
    public double DenseIntervalSeconds { get; set; } = 2;

    /// <summary>Seeks run in parallel up to this many ffmpeg processes; 0 means the core count.</summary>
    public int ParallelSeeks { get; set; }

    /// <summary>Scratch space; a fresh directory per job, always removed. Defaults to &lt;data&gt;/work.</summary>
    public string? WorkDirectory { get; set; }
}
