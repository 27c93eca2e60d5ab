using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vidsnap.Client.Models;
using Vidsnap.Client.Uploads;

namespace Vidsnap.Client.Events;

/// <summary>
/// Follows one video until it is Completed or Failed: through its event stream, and while the stream cannot be
/// read, by polling GET, trying the stream again after 1, 2, 5, then every 10 s, resuming from the last event.
/// </summary>
internal sealed class VideoWatcher(VidsnapClient client, Guid id, Action<VideoChange>? changed)
{
    private static readonly TimeSpan[] Reconnect = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    // The server sends a comment every 15 s; three missed means the stream is dead.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(45);

    private string? lastEventId;

    public async Task<Video> WaitAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                if (await FollowStreamAsync(cancellationToken).ConfigureAwait(false))
                {
                    return await client.GetVideoAsync(id, cancellationToken).ConfigureAwait(false);
                }

                failures = 0;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && CanFallBack(ex))
            {
                failures++;
            }

            // Between streams, poll: a missed stream must not mean a missed end.
            var retryAt = DateTime.UtcNow + Reconnect[Math.Min(Math.Max(failures, 1), Reconnect.Length) - 1];
            do
            {
                var video = await client.GetVideoAsync(id, cancellationToken).ConfigureAwait(false);
                changed?.Invoke(new VideoChange(video.Id, video.Status, video.Progress, video.FrameCount, video.Error, Deleted: false));
                if (video.Status.IsFinal())
                {
                    return video;
                }

                await Task.Delay(Min(client.Options.PollInterval, retryAt - DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
            }
            while (DateTime.UtcNow < retryAt);
        }
    }

    /// <summary>True once the stream showed a final state; false when it ended before.</summary>
    private async Task<bool> FollowStreamAsync(CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string> { ["Accept"] = "text/event-stream" };
        if (lastEventId is not null)
        {
            headers["Last-Event-ID"] = lastEventId;
        }

        HttpResponseMessage response;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(client.Options.RequestTimeout);
            try
            {
                response = await client.SendAsync(HttpMethod.Get, $"/api/videos/{id}/events", null, authenticated: true, HttpCompletionOption.ResponseHeadersRead, connect.Token, headers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The event stream did not answer in time.");
            }
        }

        using (response)
        {
            if (response.Content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: "text/event-stream" })
            {
                throw new HttpRequestException("The events answer is not an event stream.");
            }

            using var idle = new StallGuard(Idle, client.Options.Time, cancellationToken);
            try
            {
                // The reader owns the stream and closes it with itself.
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false));
                var parser = new ServerSentEventParser();
                while (await reader.ReadLineAsync(idle.Token).ConfigureAwait(false) is { } line)
                {
                    idle.Touch();
                    if (parser.Feed(line) is not { } message)
                    {
                        continue;
                    }

                    lastEventId = parser.LastEventId ?? lastEventId;
                    var change = Parse(message);
                    if (change is null || change.Id != id)
                    {
                        continue;
                    }

                    changed?.Invoke(change);
                    if (change.Deleted)
                    {
                        throw new VidsnapProblemException((int)HttpStatusCode.NotFound, "Video deleted", "The video was deleted while it was followed.", null);
                    }

                    if (change.Status is { } status && status.IsFinal())
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The event stream went quiet.");
            }
        }

        return false;
    }

    internal static VideoChange? Parse(ServerSentEvent message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Data);
            var root = document.RootElement;
            if (!root.TryGetProperty("id", out var idElement) || !idElement.TryGetGuid(out var videoId))
            {
                return null;
            }

            if (message.Type == "deleted")
            {
                return new VideoChange(videoId, null, null, null, null, Deleted: true);
            }

            if (message.Type != "video")
            {
                return null;
            }

            VideoStatus? status = root.TryGetProperty("status", out var s) && Enum.TryParse<VideoStatus>(s.GetString(), ignoreCase: true, out var parsed) ? parsed : null;
            int? progress = root.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
            int? frames = root.TryGetProperty("frameCount", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : null;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return new VideoChange(videoId, status, progress, frames, error, Deleted: false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stream is worth giving up for polling when it breaks or is refused for load; not when the video or the credentials are wrong.</summary>
    private static bool CanFallBack(Exception ex) => ex switch
    {
        VidsnapProblemException problem => problem.Status is 429 or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => b < TimeSpan.Zero ? TimeSpan.Zero : a < b ? a : b;
}
