namespace Vidsnap.VideoWorker;

/// <summary>
/// A job's progress as the owner sees it: extraction is the first <see cref="ExtractionShare"/> percent and storing
/// the frames (two objects each) the rest, since a job with many frames spends seconds on each. Sent at most once
/// every <paramref name="every"/>, only when it moved by <paramref name="step"/> points or more, never backwards;
/// <see cref="DrainAsync"/> waits for what was sent.
/// </summary>
/// <remarks>
/// A segment's points are worth a fraction of the video's: one of ten segments moves the video one point for every
/// ten of its own. Its step (<see cref="StepFor"/>) keeps it from sending events that move nothing the owner sees,
/// each of which costs the queue, the status worker and the database a write, on the cores the segments decode on.
/// </remarks>
public sealed class JobProgress(Func<int, Task> send, TimeProvider time, TimeSpan every, int step = 1)
{
    public const int ExtractionShare = 80;

    /// <summary>The most a segment's step may be, so a segment of many still says it is alive a few times.</summary>
    public const int MaxStep = 20;

    private readonly List<Task> sends = [];
    private readonly int minStep = Math.Max(1, step);
    private DateTimeOffset lastSent = DateTimeOffset.MinValue;
    private int last;

    /// <summary>ffmpeg's progress through the extraction, 0 to 100.</summary>
    public void Extracting(int percent) => Report(Math.Clamp(percent, 0, 100) * ExtractionShare / 100);

    /// <summary>Objects stored so far of all the job stores; 100 is said by the completed event, not here.</summary>
    public void Storing(int stored, int total) =>
        Report(total <= 0 ? ExtractionShare : Math.Min(99, ExtractionShare + ((100 - ExtractionShare) * stored / total)));

    /// <summary>The step for one of <paramref name="segmentCount"/> segments (1 for a job that is not split): one point of the video.</summary>
    public static int StepFor(int segmentCount) => Math.Clamp(segmentCount, 1, MaxStep);

    public Task DrainAsync()
    {
        lock (sends)
        {
            return Task.WhenAll([.. sends]);
        }
    }

    private void Report(int percent)
    {
        var now = time.GetUtcNow();
        lock (sends)
        {
            if (percent >= last + minStep && now - lastSent >= every)
            {
                last = percent;
                lastSent = now;
                sends.Add(send(percent));
            }
        }
    }
}
