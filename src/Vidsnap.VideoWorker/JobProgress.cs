namespace Vidsnap.VideoWorker;

/// <summary>
/// A job's progress as the owner sees it: extraction is the first <see cref="ExtractionShare"/> percent and storing
/// the frames (two objects each) the rest, since a job with many frames spends seconds on each. Sent at most once
/// every <paramref name="every"/>, only when it moved, never backwards; <see cref="DrainAsync"/> waits for what was sent.
/// </summary>
public sealed class JobProgress(Func<int, Task> send, TimeProvider time, TimeSpan every)
{
    public const int ExtractionShare = 80;

    private readonly List<Task> sends = [];
    private DateTimeOffset lastSent = DateTimeOffset.MinValue;
    private int last;

    /// <summary>ffmpeg's progress through the extraction, 0 to 100.</summary>
    public void Extracting(int percent) => Report(Math.Clamp(percent, 0, 100) * ExtractionShare / 100);

    /// <summary>Objects stored so far of all the job stores; 100 is said by the completed event, not here.</summary>
    public void Storing(int stored, int total) =>
        Report(total <= 0 ? ExtractionShare : Math.Min(99, ExtractionShare + ((100 - ExtractionShare) * stored / total)));

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
            if (percent > last && now - lastSent >= every)
            {
                last = percent;
                lastSent = now;
                sends.Add(send(percent));
            }
        }
    }
}
