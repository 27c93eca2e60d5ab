using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Spectre.Console;
using Vidsnap.Cli.Output;
using Vidsnap.Client;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Commands;

internal static class VideoCommands
{
    public static Command List(CliApp app)
    {
        var limit = new Option<int?>("--limit") { HelpName = "N", Description = "Videos per page (the server's default when not given)." };
        var all = new Option<bool>("--all") { Description = "Every video, page after page; otherwise the first page." };
        var json = new Option<bool>("--json") { Description = "One JSON object per video." };
        var command = new Command("list", "Your videos, newest first.") { limit, all, json };
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var videos = new List<Video>();
            if (parse.GetValue(all))
            {
                await foreach (var video in session.Client.ListAllVideosAsync(parse.GetValue(limit), cancellationToken))
                {
                    videos.Add(video);
                }
            }
            else
            {
                videos.AddRange((await session.Client.ListVideosAsync(parse.GetValue(limit), null, cancellationToken)).Items);
            }

            var style = OutputChoice.ForThisProcess(parse.GetValue(json));
            if (style == OutputStyle.Json)
            {
                foreach (var video in videos)
                {
                    await app.Output.WriteLineAsync(JsonSerializer.Serialize(video, VidsnapJson.Options));
                }
            }
            else if (style == OutputStyle.Terminal)
            {
                var table = new Table().AddColumns("Video", "File", "Status", "Progress", "Frames", "Created");
                foreach (var v in videos)
                {
                    table.AddRow(v.Id.ToString(), Markup.Escape(v.FileName), v.Status.ToString(), v.Progress.ToString(CultureInfo.InvariantCulture) + "%",
                        v.FrameCount?.ToString(CultureInfo.InvariantCulture) ?? "-", v.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var v in videos)
                {
                    await app.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{v.Id}\t{v.FileName}\t{v.Status}\t{v.Progress}%\t{v.FrameCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{v.CreatedAt:u}"));
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Status(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "The video's id." };
        var watch = new Option<bool>("--watch") { Description = "Follow it (live events, polling when they break) until it is Completed or Failed." };
        var json = new Option<bool>("--json") { Description = "The video as JSON." };
        var command = new Command("status", "A video's status, progress, frames or reason; exit code 1 when it failed.") { id, watch, json };
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var videoId = CliApp.ParseId(parse.GetValue(id), "video");
            var video = parse.GetValue(watch)
                ? await session.Client.WaitForVideoAsync(videoId, change =>
                {
                    if (!parse.GetValue(json) && change.Status is { } status)
                    {
                        app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{status} {change.Progress ?? 0}%"));
                    }
                }, cancellationToken)
                : await session.Client.GetVideoAsync(videoId, cancellationToken);
            if (parse.GetValue(json))
            {
                await app.Output.WriteLineAsync(JsonSerializer.Serialize(video, VidsnapJson.Options));
            }
            else
            {
                await app.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{video.Id} {video.FileName}: {video.Status} {video.Progress}%")
                    + (video.FrameCount is { } frames ? string.Create(CultureInfo.InvariantCulture, $", {frames} frames") : string.Empty)
                    + (video.Error is { } reason ? $", {reason}" : string.Empty));
            }

            if (video.Status == VideoStatus.Failed)
            {
                await app.Error.WriteLineAsync($"{video.Id} failed: {video.Error}");
                return ExitCodes.VideoFailed;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Download(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "The video's id." };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "The folder to put the zip in (default: the current one)." };
        var extract = new Option<bool>("--extract") { Description = "Unpack the zip into a folder named after the video, instead of keeping the zip." };
        var command = new Command("download", "Download a completed video's zip of frames.") { id, output, extract };
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var videoId = CliApp.ParseId(parse.GetValue(id), "video");
            var video = await session.Client.GetVideoAsync(videoId, cancellationToken);
            var folder = parse.GetValue(output) ?? ".";
            Directory.CreateDirectory(folder);
            var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(video.FileName.Replace('\\', '/')));
            var zip = Path.GetFullPath(Path.Combine(folder, (stem.Length == 0 ? video.Id.ToString() : stem) + ".zip"));
            await session.Client.DownloadAsync(videoId, zip, cancellationToken: cancellationToken);
            if (!parse.GetValue(extract))
            {
                await app.Output.WriteLineAsync(zip);
                return ExitCodes.Ok;
            }

            var target = Path.Combine(Path.GetDirectoryName(zip)!, Path.GetFileNameWithoutExtension(zip));
            await ZipFile.ExtractToDirectoryAsync(zip, target, overwriteFiles: true, cancellationToken);
            File.Delete(zip);
            await app.Output.WriteLineAsync(target);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Delete(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "The video's id." };
        var command = new Command("delete", "Delete a video, its history and its files (not while it is Queued or Processing).") { id };
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var videoId = CliApp.ParseId(parse.GetValue(id), "video");
            await session.Client.DeleteVideoAsync(videoId, cancellationToken);
            await app.Output.WriteLineAsync($"Deleted {videoId}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
