using System.CommandLine;
using Spectre.Console;
using Vidsnap.Cli.Output;
using Vidsnap.Cli.Settings;
using Vidsnap.Cli.Uploads;

namespace Vidsnap.Cli.Commands;

internal static class UploadCommand
{
    public static Command Create(CliApp app)
    {
        var files = new Argument<string[]>("FILE") { Description = "Video files, or folders whose files are all uploaded.", Arity = ArgumentArity.OneOrMore };
        var interval = new Option<double?>("--interval") { HelpName = "S", Description = "One frame every S seconds (the server's default is 1)." };
        var count = new Option<int?>("--count") { HelpName = "N", Description = "N frames spread evenly over the video." };
        var timestamps = new Option<string?>("--timestamps") { HelpName = "T,T,...", Description = "Frames at these moments, in seconds: T,T,..." };
        var mode = new Option<string?>("--mode") { HelpName = "keyframes|scene", Description = "keyframes (every keyframe) or scene (the first frame of each scene)." };
        var format = new Option<string?>("--format") { HelpName = "jpg|png|webp", Description = "jpg (default), png or webp." };
        var width = new Option<int?>("--width") { HelpName = "N", Description = "Fit frames inside this width, aspect ratio kept, never enlarged." };
        var wait = new Option<bool>("--wait") { Description = "Follow each video until it is Completed or Failed." };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Download each completed video's zip into DIR (implies --wait)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per video (id, file, status, frameCount, error, zip) and nothing else on stdout." };
        var command = new Command("upload",
            "Upload videos (large ones in parts, 4 at a time, each retried); run again after an interruption and it resumes, sending only what is missing.\n"
            + ExitCodes.Help)
        {
            files, interval, count, timestamps, mode, format, width, wait, output, json,
        };

        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var options = FrameOptionsMapper.Map(new FrameChoice(
                parse.GetValue(interval), parse.GetValue(count), parse.GetValue(timestamps), parse.GetValue(mode), parse.GetValue(format), parse.GetValue(width)));
            var paths = Expand(parse.GetValue(files) ?? []);
            var outDirectory = parse.GetValue(output);
            if (outDirectory is not null)
            {
                Directory.CreateDirectory(outDirectory);
            }

            var runner = new UploadRunner(session, new UploadStateStore(session.ConfigDirectory), options, parse.GetValue(wait) || outDirectory is not null, outDirectory);
            var style = OutputChoice.ForThisProcess(parse.GetValue(json));
            IReadOnlyList<FileOutcome> outcomes;
            switch (style)
            {
                case OutputStyle.Terminal:
                    outcomes = await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                        .StartAsync(context => runner.RunAsync(paths, file => new SpectreFileReporter(context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: 100), Path.GetFileName(file)), cancellationToken));
                    OutcomeText.WriteTable(AnsiConsole.Console, outcomes);
                    break;
                case OutputStyle.Plain:
                    outcomes = await runner.RunAsync(paths, file => new PlainFileReporter(app.Output, Path.GetFileName(file)), cancellationToken);
                    OutcomeText.WritePlainSummary(app.Output, outcomes);
                    break;
                default:
                    outcomes = await runner.RunAsync(paths, _ => new SilentFileReporter(), cancellationToken);
                    foreach (var outcome in outcomes)
                    {
                        await app.Output.WriteLineAsync(OutcomeText.ToJson(outcome));
                    }

                    break;
            }

            // Whatever the style, say on stderr why each video that did not make it failed.
            foreach (var failed in outcomes.Where(o => o.ExitCode != ExitCodes.Ok))
            {
                await app.Error.WriteLineAsync($"{failed.File}: {failed.Error}");
            }

            return ExitCodes.Worst(outcomes.Select(o => o.ExitCode));
        }));
        return command;
    }

    /// <summary>Files as given, folders as the files in them (not hidden ones, not below), each once, in order.</summary>
    internal static List<string> Expand(IEnumerable<string> arguments)
    {
        var paths = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                paths.AddRange(Directory.EnumerateFiles(argument).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(argument))
            {
                paths.Add(argument);
            }
            else
            {
                throw new UsageException($"{argument}: no such file or folder.");
            }
        }

        var distinct = paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 0 ? distinct : throw new UsageException("No files to upload.");
    }
}
