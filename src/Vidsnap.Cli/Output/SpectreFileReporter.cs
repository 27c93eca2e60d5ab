using Spectre.Console;
using Vidsnap.Cli.Uploads;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Output;

/// <summary>One bar per file: the upload's bytes, then the processing's percentage.</summary>
internal sealed class SpectreFileReporter(ProgressTask task, string name) : IFileReporter
{
    private long sent;

    public void Uploading(long totalBytes)
    {
        task.MaxValue = Math.Max(1, totalBytes);
        task.Value = 0;
        task.Description = $"{Markup.Escape(name)} [grey]uploading[/]";
    }

    public void Sent(long bytes) => task.Value = Interlocked.Add(ref sent, bytes);

    public void Queued(Guid id)
    {
        task.MaxValue = 100;
        task.Value = 0;
        task.Description = $"{Markup.Escape(name)} [grey]queued[/]";
    }

    public void Changed(VideoChange change)
    {
        if (change.Status is { } status)
        {
            task.Description = $"{Markup.Escape(name)} [grey]{status}[/]";
        }

        if (change.Progress is { } progress)
        {
            task.Value = progress;
        }
    }

    public void Downloading(string zip) => task.Description = $"{Markup.Escape(name)} [grey]downloading[/]";

    public void Finished(FileOutcome outcome)
    {
        task.MaxValue = 100;
        task.Value = 100;
        task.Description = outcome.ExitCode == 0
            ? $"{Markup.Escape(name)} [green]{outcome.Status}[/]"
            : $"{Markup.Escape(name)} [red]{(outcome.Status is { } s ? s.ToString() : "error")}[/]";
        task.StopTask();
    }
}
