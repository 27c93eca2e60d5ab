using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;

namespace Vidsnap.Api.Events;

/// <summary>
/// One client's stream of video events. It subscribes to the feed first, so that nothing saved from then on can
/// pass it by; then it sends what the client lacks (every change after its Last-Event-ID, read from the log, or on
/// a first connection the current state) and then each change as the feed reads it. Every event's id is a
/// position the client may resume from: everything of this user up to it has been sent. The same change may come
/// twice after a resume, never not at all; each carries a whole state, so a second copy changes nothing.
/// </summary>
internal sealed class VideoEventStream(StreamRequest request) : IResult
{
    private const int PageSize = 500;
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var slots = services.GetRequiredService<StreamSlots>();
        if (!slots.TryTake(request.UserId))
        {
            httpContext.Response.Headers.RetryAfter = "10";
            await Results.Problem(title: "Too many event streams", statusCode: StatusCodes.Status429TooManyRequests,
                detail: "This account has as many event streams open as it may; close one (another tab or program) and try again.")
                .ExecuteAsync(httpContext);
            return;
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(
                httpContext.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            if (request.ExpiresAt is { } expiresAt)
            {
                stop.CancelAfter(TimeSpan.FromTicks(Math.Max((expiresAt - services.GetRequiredService<TimeProvider>().GetUtcNow()).Ticks, 0)));
            }

            var watch = StreamCredentials.WatchKeyAsync(httpContext, stop);
            try
            {
                await RunAsync(httpContext, services, stop.Token);
            }
            finally
            {
                await stop.CancelAsync();
                await watch;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went, the process is stopping or the credentials expired: the stream just ends.
        }
        catch (IOException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went while an event was being written.
        }
        finally
        {
            slots.Release(request.UserId);
        }
    }

    private async Task RunAsync(HttpContext httpContext, IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<EventsOptions>>().Value;
        var db = services.GetRequiredService<VidsnapDbContext>();
        using var subscription = await services.GetRequiredService<VideoChangeFeed>().SubscribeAsync(request.UserId, cancellationToken);
        var writer = new EventStreamWriter(httpContext.Response, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        await writer.StartAsync(Retry, cancellationToken);

        var resumeAfter = request.LastEventId is { } last && await CanResumeAfterAsync(db, last, subscription.Position, cancellationToken) ? last : (long?)null;
        var sent = new HashSet<long>();
        long position;
        if (resumeAfter is { } after)
        {
            position = after;
            await ReplayAsync(db, writer, after, subscription.Position, sent, cancellationToken);
        }
        else
        {
            position = subscription.Position;
            await SendCurrentStateAsync(db, writer, options, position, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        var start = position;
        var heartbeat = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        while (await WaitAsync(subscription, writer, heartbeat, cancellationToken))
        {
            while (subscription.Items.TryRead(out var item))
            {
                var change = item.Change;
                position = Math.Max(position, item.Position);
                if (change.Id > start && !sent.Contains(change.Id) && request.Follows(change.VideoId))
                {
                    await SendAsync(writer, change, position, cancellationToken);
                }
            }

            await writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether every change after <paramref name="lastEventId"/> is still in the log: not pruned, and not an id from
    /// another database (a client older than the log, or newer than it, starts again from the current state).
    /// </summary>
    private static async Task<bool> CanResumeAfterAsync(VidsnapDbContext db, long lastEventId, long position, CancellationToken cancellationToken)
    {
        var changes = db.VideoChanges().AsNoTracking();
        var oldest = await changes.MinAsync(c => (long?)c.Id, cancellationToken);
        var newest = await changes.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        return lastEventId <= Math.Max(newest, position) && (oldest is { } first ? lastEventId >= first - 1 : lastEventId == position);
    }

    /// <summary>
    /// The user's changes after <paramref name="after"/>, from the log. Those up to the feed's position when this
    /// stream subscribed are all there, so each may be resumed from; those past it may still have gaps below them.
    /// </summary>
    private async Task ReplayAsync(
        VidsnapDbContext db, EventStreamWriter writer, long after, long subscribed, HashSet<long> sent, CancellationToken cancellationToken)
    {
        var changes = db.VideoChanges().AsNoTracking().Where(c => c.UserId == request.UserId);
        if (request.VideoId is { } videoId)
        {
            changes = changes.Where(c => c.VideoId == videoId);
        }

        for (var cursor = after; ;)
        {
            var from = cursor;
            var page = await changes.Where(c => c.Id > from).OrderBy(c => c.Id).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var change in page)
            {
                sent.Add(change.Id);
                await SendAsync(writer, change, Math.Max(after, Math.Min(change.Id, subscribed)), cancellationToken);
            }

            if (page.Count < PageSize)
            {
                return;
            }

            cursor = page[^1].Id;
        }
    }

    /// <summary>A first connection: each followed video as it is now (a deleted one, as deleted).</summary>
    private async Task SendCurrentStateAsync(
        VidsnapDbContext db, EventStreamWriter writer, EventsOptions options, long position, CancellationToken cancellationToken)
    {
        var videos = db.Videos().AsNoTracking().Where(v => v.UserId == request.UserId);
        if (request.VideoId is { } videoId)
        {
            var video = await videos.SingleOrDefaultAsync(v => v.Id == videoId, cancellationToken);
            await (video is null
                ? writer.EventAsync("deleted", position, new DeletedVideoEventResponse(videoId), cancellationToken)
                : writer.EventAsync("video", position, VideoEventResponse.From(video), cancellationToken));
            return;
        }

        foreach (var video in await videos.OrderByDescending(v => v.CreatedAt).Take(options.MaxSnapshotVideos).ToListAsync(cancellationToken))
        {
            await writer.EventAsync("video", position, VideoEventResponse.From(video), cancellationToken);
        }
    }

    private static Task SendAsync(EventStreamWriter writer, VideoChange change, long id, CancellationToken cancellationToken) =>
        change.Kind == VideoChangeKind.Deleted
            ? writer.EventAsync("deleted", id, new DeletedVideoEventResponse(change.VideoId), cancellationToken)
            : writer.EventAsync("video", id, VideoEventResponse.From(change), cancellationToken);

    /// <summary>Waits for changes; writes a heartbeat each time none came for a while. False once the feed ended this stream.</summary>
    private static async Task<bool> WaitAsync(
        ChangeSubscription subscription, EventStreamWriter writer, TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            beat.CancelAfter(heartbeat);
            try
            {
                return await subscription.Items.WaitToReadAsync(beat.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await writer.HeartbeatAsync(cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }
        }
    }
}
