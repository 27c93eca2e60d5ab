using System.Globalization;
using Vidsnap.Cli.Uploads;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Output;

/// <summary>Lines for a log or a pipe: each change of state, and progress in quarter steps rather than every chunk.</summary>
internal sealed class PlainFileReporter(TextWriter output, string name) : IFileReporter
{
    private readonly Lock gate = new();
    private long total;
    private long sent;
    private int uploadStep;
    private VideoStatus? status;
    private int processingStep = -1;

    public void Uploading(long totalBytes)
    {
        total = Math.Max(1, totalBytes);
        Line(string.Create(CultureInfo.InvariantCulture, $"uploading {totalBytes} bytes"));
    }

    public void Sent(long bytes)
    {
        var now = Interlocked.Add(ref sent, bytes);
        var step = (int)(now * 4 / total);
        lock (gate)
        {
            if (step <= uploadStep || step >= 4)
            {
                return;
            }

            uploadStep = step;
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"uploaded {step * 25}%"));
    }

    public void Queued(Guid id) => Line($"uploaded, video {id}");

    public void Changed(VideoChange change)
    {
        bool show;
        lock (gate)
        {
            var step = change.Progress is { } p ? p / 25 : processingStep;
            show = change.Status != status || step > processingStep;
            status = change.Status ?? status;
            processingStep = Math.Max(processingStep, step);
        }

        if (show && change.Status is { } current && !current.IsFinal())
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"{current} {change.Progress ?? 0}%"));
        }
    }

    public void Downloading(string zip) => Line($"downloading {zip}");

    public void Finished(FileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Line(OutcomeText.Describe(outcome));
    }

    private void Line(string text)
    {
        lock (output)
        {
            output.WriteLine($"{name}: {text}");
        }
    }
}

/// <summary>Hears nothing: --json prints only the outcomes.</summary>
internal sealed class SilentFileReporter : IFileReporter
{
    public void Uploading(long totalBytes)
    {
    }

    public void Sent(long bytes)
    {
    }

    public void Queued(Guid id)
    {
    }

    public void Changed(VideoChange change)
    {
    }

    public void Downloading(string zip)
    {
    }

    public void Finished(FileOutcome outcome)
    {
    }
}
