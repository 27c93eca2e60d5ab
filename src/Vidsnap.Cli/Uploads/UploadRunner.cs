using Vidsnap.Cli.Settings;
using Vidsnap.Client;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Uploads;

/// <summary>
/// Uploads files, a few at a time: each to a new video, or, when a state file says an earlier run began it, to
/// that video, sending only what the store lacks; then completes it, and with --wait follows it to its end and
/// with --out downloads its zip.
/// </summary>
internal sealed class UploadRunner(CliSession session, UploadStateStore states, FrameOptions? options, bool wait, string? outDirectory)
{
    private const int FilesAtOnce = 3;

    public async Task<IReadOnlyList<FileOutcome>> RunAsync(IReadOnlyList<string> files, Func<string, IFileReporter> reporterFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(reporterFor);
        var zips = ZipNames(files);
        using var gate = new SemaphoreSlim(FilesAtOnce);
        var runs = files.Select(async file =>
        {
            var reporter = reporterFor(file);
            await gate.WaitAsync(cancellationToken);
            try
            {
                var outcome = await RunOneAsync(file, zips[file], reporter, cancellationToken);
                reporter.Finished(outcome);
                return outcome;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(runs);
    }

    private async Task<FileOutcome> RunOneAsync(string path, string? zip, IFileReporter reporter, CancellationToken cancellationToken)
    {
        var client = session.Client;
        var file = new FileInfo(path);
        Guid? id = null;
        try
        {
            var key = UploadStateStore.KeyOf(file, session.Server);
            var (videoId, slot, uploaded) = await ResumeOrCreateAsync(file, key, cancellationToken);
            id = videoId;
            var status = VideoStatus.Queued;
            if (!uploaded)
            {
                reporter.Uploading(file.Length);
                var parts = slot is null ? [] : await client.UploadFileAsync(slot, file.FullName, reporter.Sent, cancellationToken);
                status = (await client.CompleteUploadWithPartsAsync(videoId, parts, cancellationToken)).Status;
            }

            states.Remove(key);
            reporter.Queued(videoId);
            if (!wait)
            {
                return new FileOutcome(path, videoId, status, null, null, null, ExitCodes.Ok);
            }

            var video = await client.WaitForVideoAsync(videoId, reporter.Changed, cancellationToken);
            if (video.Status != VideoStatus.Completed)
            {
                return new FileOutcome(path, videoId, video.Status, video.FrameCount, video.Error ?? "The video failed without a reason.", null, ExitCodes.VideoFailed);
            }

            if (outDirectory is not null && zip is not null)
            {
                var destination = Path.Combine(outDirectory, zip);
                reporter.Downloading(destination);
                await client.DownloadAsync(videoId, destination, cancellationToken: cancellationToken);
                return new FileOutcome(path, videoId, video.Status, video.FrameCount, null, Path.GetFullPath(destination), ExitCodes.Ok);
            }

            return new FileOutcome(path, videoId, video.Status, video.FrameCount, null, null, ExitCodes.Ok);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new FileOutcome(path, id, null, null, ex.Message, null, ExitCodes.For(ex));
        }
    }

    /// <summary>
    /// The video to send the file to and where its bytes go: a resumed one (with fresh URLs and what is stored),
    /// one already uploaded (nothing to send), or a new one, remembered before a byte is sent.
    /// </summary>
    private async Task<(Guid Id, UploadSlot? Slot, bool Uploaded)> ResumeOrCreateAsync(FileInfo file, string key, CancellationToken cancellationToken)
    {
        var client = session.Client;
        if (states.Read(key) is { } state)
        {
            try
            {
                var progress = await client.GetUploadProgressAsync(state.VideoId, cancellationToken);
                if (progress.Status != VideoStatus.AwaitingUpload)
                {
                    return (state.VideoId, null, true);
                }

                // A single upload that landed needs only complete; parts already stored are skipped by the uploader.
                var landed = progress.Upload.Parts is not { Count: > 0 } && progress.UploadedBytes == file.Length;
                return (state.VideoId, landed ? null : progress.Upload, false);
            }
            catch (VidsnapProblemException problem) when (problem.Status == 409)
            {
                return (state.VideoId, null, true);
            }
            catch (VidsnapProblemException problem) when (problem.Status == 404)
            {
                // The video is gone (deleted, or kept no longer): start again.
                states.Remove(key);
            }
        }

        var created = await client.CreateVideoAsync(new CreateVideoRequest(file.Name, ContentTypeOf(file.Name), file.Length, options), cancellationToken: cancellationToken);
        states.Write(key, new UploadState(created.Id, file.FullName, file.Length, session.Server.ToString(), DateTimeOffset.UtcNow));
        return (created.Id, created.Upload, false);
    }

    internal static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".WEBM" => "video/webm",
        ".MOV" => "video/quicktime",
        ".MKV" => "video/x-matroska",
        ".AVI" => "video/x-msvideo",
        ".MPG" or ".MPEG" => "video/mpeg",
        ".OGV" => "video/ogg",
        ".3GP" => "video/3gpp",
        _ => "video/mp4",
    };

    /// <summary>Each file's zip is named after it; two files of the same name in one run get their position too.</summary>
    internal static Dictionary<string, string?> ZipNames(IReadOnlyList<string> files)
    {
        var stems = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var clash = stems.Count(s => string.Equals(s, stems[i], StringComparison.Ordinal)) > 1;
            names[files[i]] = clash ? $"{stems[i]}-{i + 1}.zip" : $"{stems[i]}.zip";
        }

        return names;
    }
}
