namespace Vidsnap.VideoWorker;

/// <summary>
/// Watches what a job writes in its scratch directory while ffmpeg runs, and stops the job once that passes
/// VideoWorker:MaxOutputBytes: a request for PNG frames of a long 4K video must not fill the worker's disk
/// (in embedded mode, the database's disk) before anything notices.
/// </summary>
internal sealed class OutputBudget : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly string directory;
    private readonly string excluded;
    private readonly CancellationTokenSource job;
    private readonly Timer timer;
    private int checking;

    public OutputBudget(string directory, string excludedFile, long limitBytes, CancellationTokenSource job)
    {
        this.directory = directory;
        excluded = Path.GetFullPath(excludedFile);
        this.job = job;
        LimitBytes = limitBytes;
        timer = new Timer(_ => Check(), null, Every, Every);
    }

    public long LimitBytes { get; }

    /// <summary>True once the job was stopped for writing too much.</summary>
    public bool Exceeded { get; private set; }

    public long WrittenBytes { get; private set; }

    public void Check()
    {
        if (Interlocked.Exchange(ref checking, 1) == 1)
        {
            return;
        }

        try
        {
            WrittenBytes = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => f.FullName != excluded).Sum(f => SafeLength(f));
            if (WrittenBytes > LimitBytes && !Exceeded)
            {
                Exceeded = true;
                job.Cancel();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The directory changed under the enumeration; the next tick counts again.
        }
        finally
        {
            Volatile.Write(ref checking, 0);
        }
    }

    public void Dispose() => timer.Dispose();

    private static long SafeLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
