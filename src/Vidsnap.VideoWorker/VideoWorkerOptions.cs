using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.VideoWorker;

public sealed class VideoWorkerOptions : IOptionsSection
{
    public const string Section = "VideoWorker";

    static string IOptionsSection.Section => Section;

    [Required(AllowEmptyStrings = false)]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required(AllowEmptyStrings = false)]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Demuxers ffmpeg may use: a file is only ever read as one of these containers.</summary>
    [RegularExpression("^[a-z0-9_]+(,[a-z0-9_]+)*$", ErrorMessage = "VideoWorker:AllowedFormats must be a comma-separated list of ffmpeg demuxer names.")]
    public string AllowedFormats { get; set; } = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpeg,mpegts,flv,ogg,asf,mxf";

    [Range(1, 30 * 86_400)]
    public double MaxDurationSeconds { get; set; } = 4 * 3600;

    [Range(16, 65_536)]
    public int MaxWidth { get; set; } = 8192;

    [Range(16, 65_536)]
    public int MaxHeight { get; set; } = 8192;

    [Range(1, 10_000)]
    public double MaxFrameRate { get; set; } = 240;

    [Range(1, 1_000)]
    public int MaxStreams { get; set; } = 16;

    [Range(1, 1_000_000)]
    public int MaxFrames { get; set; } = 10_000;

    /// <summary>ffmpeg is killed when it reports no progress for this long.</summary>
    [Range(1, 86_400)]
    public int StallTimeoutSeconds { get; set; } = 60;

    /// <summary>The whole job's wall-clock limit.</summary>
    [Range(1, 10_080)]
    public int JobTimeoutMinutes { get; set; } = 60;

    /// <summary>Intervals shorter than this are extracted in one decoding pass; longer ones by seeking to each moment.</summary>
    [Range(0, 3_600)]
    public double DenseIntervalSeconds { get; set; } = 2;

    /// <summary>Seeks run in parallel up to this many ffmpeg processes; 0 means the core count.</summary>
    [Range(0, 256)]
    public int ParallelSeeks { get; set; }

    /// <summary>
    /// Inputs (GOPs of exact moments) one ffmpeg run decodes at most; each holds its own decoder, so this bounds
    /// a run's memory. More moments than this per core take more runs.
    /// </summary>
    [Range(1, 64)]
    public int MaxInputsPerRun { get; set; } = 16;

    /// <summary>What one job may write to its scratch directory (frames, extras and the zip together) before it is stopped.</summary>
    [Range(1_000, long.MaxValue)]
    public long MaxOutputBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Free scratch space a worker keeps beside a job's upload; with less, it gives the job back.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeScratchBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Objects (each frame, each thumbnail) one job stores at once: a thousand frames are not a thousand PUTs one after another.</summary>
    [Range(1, 256)]
    public int UploadParallelism { get; set; } = 8;

    /// <summary>
    /// A job whose plan decodes more than this many seconds of video is split into segments, each a job any
    /// worker takes, and joined when all are stored; 0 never splits.
    /// </summary>
    [Range(0, 30 * 86_400)]
    public double SplitAboveSeconds { get; set; } = 600;

    /// <summary>
    /// About how many seconds of video each segment decodes; segments start on keyframes. Short enough that the
    /// workers finish together (with 300 s, a 20-minute video was 4 segments and one of two workers idled while
    /// the other decoded its last), long enough that a segment's fixed cost (a probe, an ffmpeg start) is small.
    /// </summary>
    [Range(10, 86_400)]
    public double SegmentSeconds { get; set; } = 120;

    /// <summary>
    /// A source at least this big is probed and planned where it is stored, before any download: when it splits,
    /// no worker downloads it whole. Smaller ones (too short to split, mostly) are downloaded first, as always.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long PlanInPlaceAboveBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>At most this many segments a video is split into, so a very long video does not become thousands of jobs.</summary>
    [Range(2, 1_000)]
    public int MaxSegments { get; set; } = 64;

    /// <summary>Scratch space; a fresh directory per job, always removed. Defaults to &lt;data&gt;/work.</summary>
    public string? WorkDirectory { get; set; }
}
