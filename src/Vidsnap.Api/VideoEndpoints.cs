using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Api.Idempotency;
using Vidsnap.Api.Events;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;
using Vidsnap.Platform.Retention;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

internal static class VideoEndpoints
{
    private const string Tag = "Videos";

    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapLimitsEndpoint().MapRetryEndpoint();
        var reads = routes.MapGroup("/api/videos").RequireAuthorization(Scopes.VideosRead).WithTags(Tag);
        reads.MapGet("", ListAsync)
            .WithName("listVideos").WithSummary("List your videos")
            .WithDescription("Newest first (or oldest first with `order=oldest`), a page at a time: pass the `nextCursor` of a page as `cursor` for the next one, "
                + "with the same filters (none after the last page). Narrow the list with `status` (one state) and `search` (part of the file name, any case).")
            .Produces<VideoPageResponse>()
            .ProducesValidationProblem();
        reads.MapGet("/{id:guid}", GetAsync)
            .WithName("getVideo").WithSummary("Get a video")
            .WithDescription("Its status, progress (0 to 100), frame count once Completed, the reason once Failed, the options it was made with and the history of its states.")
            .Produces<VideoResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/{id:guid}/download", DownloadAsync)
            .WithName("getDownloadLink").WithSummary("Link to the zip of frames")
            .WithDescription("A pre-signed URL of the zip (frames, manifest.json, poster, storyboard, contact sheet), valid until `expiresAt`.")
            .ProducesLink();
        reads.MapGet("/{id:guid}/poster", PosterAsync)
            .WithName("getPosterLink").WithSummary("Link to the poster")
            .WithDescription("A pre-signed URL of a representative, non-black frame (JPEG).")
            .ProducesLink();
        reads.MapGet("/{id:guid}/contact-sheet", ContactSheetAsync)
            .WithName("getContactSheetLink").WithSummary("Link to the contact sheet")
            .WithDescription("A pre-signed URL of up to 24 frames on one JPEG with their times written on them.")
            .ProducesLink();
        reads.MapGet("/{id:guid}/storyboard", StoryboardEndpoint.GetAsync)
            .WithName("getStoryboard").WithSummary("The storyboard (WebVTT)")
            .WithDescription("WebVTT cues mapping each time range to its tile of a sprite, as trickplay players read them; each sprite is a pre-signed URL with its `#xywh=` fragment.")
            .Produces<string>(StatusCodes.Status200OK, "text/vtt")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        reads.MapFrameEndpoints();
        reads.MapGet("/events", VideoEventEndpoints.All)
            .WithName("followAllVideos").WithSummary("Follow all your videos (Server-Sent Events)")
            .WithDescription("`text/event-stream`: an `event: video` (the video's status, progress, frame count, error) on every change of any of your videos and `event: deleted` when one goes; "
                + "first the current state of the newest. Resume with `Last-Event-ID` (or `?lastEventId=`) and nothing is missed.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        reads.MapGet("/{id:guid}/events", VideoEventEndpoints.OneAsync)
            .WithName("followVideo").WithSummary("Follow one video (Server-Sent Events)")
            .WithDescription("`text/event-stream`: the video's current state, then an event on each change, within a second. Resume with `Last-Event-ID` (or `?lastEventId=`).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var writes = routes.MapGroup("/api/videos").RequireAuthorization(Scopes.VideosWrite).WithTags(Tag);
        writes.MapPost("", CreateAsync)
            .WithName("createVideo").WithSummary("Create a video and its upload slot")
            .WithDescription("Declares the file (name, content type, size) and how frames are picked (`options`; defaults: one frame a second, JPEG). "
                + "Answers the video, `AwaitingUpload`, with where to send the bytes: `upload.method` to `upload.url` with `upload.headers`, "
                + "or, for a large file, each of `upload.parts` to its own URL. The bytes never go through this API.")
            .Produces<CreatedVideoResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AcceptsIdempotencyKey();
        writes.MapPost("/{id:guid}/complete", CompleteAsync)
            .WithName("completeUpload").WithSummary("Say the upload is complete")
            .WithDescription("Checks the uploaded file is there and of the declared size, then queues the video (a Failed one again). "
                + "For a multipart upload send each part's number and the ETag its PUT answered. Calling it again once queued changes nothing.")
            .Produces<VideoStatusResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        writes.MapPost("/{id:guid}/upload", RenewUploadAsync)
            .WithName("resumeUpload").WithSummary("Resume an upload")
            .WithDescription("For a video still `AwaitingUpload`: fresh URLs for its upload slot and `uploadedBytes`, what the store already holds. "
                + "Each of `upload.parts` already stored carries its `eTag`: send only the others, then call complete with every part. "
                + "A single upload with `uploadedBytes` equal to the file's size has landed: call complete. 409 once the upload is complete.")
            .Produces<UploadStateResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("deleteVideo").WithSummary("Delete a video")
            .WithDescription("The video, its history and every stored file are gone. Refused (409) while it is Queued or Processing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <summary>A link to one of a completed video's outputs: 404 for another user's video, 409 before Completed.</summary>
    private static RouteHandlerBuilder ProducesLink(this RouteHandlerBuilder route) => route
        .Produces<DownloadResponse>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> CreateAsync(
        CreateVideoRequest request, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store,
        PublicUrls urls, IOptions<ApiOptions> options, IOptions<QuotaOptions> quotas, IOptions<RetentionOptions> retention, TimeProvider time, CancellationToken ct)
    {
        var (valid, errors) = VideoRequestValidator.Validate(request, options.Value);
        if (valid is null)
        {
            return Results.ValidationProblem(errors, title: "The video request is not valid.");
        }

        var now = time.GetUtcNow();
        if (await VideoQuotas.RefuseCreateAsync(db, user.Id(), valid.SizeBytes, quotas.Value, http.HttpContext, now, ct) is { } refused)
        {
            return refused;
        }

        var video = Video.Create(user.Id(), user.Email(), valid.FileName, valid.ContentType, valid.SizeBytes, valid.Options, new Retention(retention.Value.SourceDays, retention.Value.OutputDays), now);
        var slot = await store.CreateUploadSlotAsync(video.SourceKey, video.ContentType, video.SizeBytes, ct);
        video.ExpectUpload(slot.UploadId, slot.ExpiresAt);
        db.Videos().Add(video);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/videos/{video.Id}", new CreatedVideoResponse(video.Id, video.Status, urls.Absolute(http, slot)));
    }

    /// <summary>
    /// A resumed upload's fresh URLs: the store says which parts it holds (each with its ETag), so a client sends
    /// only the rest, and a single upload whose file landed before its complete call needs only that call. The
    /// video notes until when the new URLs work, so the abandoned-upload sweep leaves it alone until then.
    /// </summary>
    private static async Task<IResult> RenewUploadAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct)
    {
        var video = await db.Videos().FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return NotFound();
        }

        if (video.Status != VideoStatus.AwaitingUpload)
        {
            return Results.Problem(title: "Upload finished", statusCode: StatusCodes.Status409Conflict,
                detail: $"This video's upload is complete; it is {video.Status}. Follow it, or download its frames once Completed.");
        }

        var slot = await store.RenewUploadSlotAsync(video.SourceKey, video.UploadId, video.ContentType, video.SizeBytes, ct);
        video.RenewUpload(slot.ExpiresAt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another resume moved the expiry too (fine), or the video was completed or deleted meanwhile.
            db.ChangeTracker.Clear();
            var current = await db.Videos().AsNoTracking().FindOwnAsync(id, user.Id(), ct);
            if (current is null)
            {
                return NotFound();
            }

            if (current.Status != VideoStatus.AwaitingUpload)
            {
                return Results.Problem(title: "Upload finished", statusCode: StatusCodes.Status409Conflict,
                    detail: $"This video's upload is complete; it is {current.Status}. Follow it, or download its frames once Completed.");
            }
        }

        var uploaded = slot.Parts is { } parts
            ? parts.Where(p => p.ETag is not null).Sum(p => p.SizeBytes)
            : await store.GetSizeAsync(video.SourceKey, ct) ?? 0;
        return Results.Ok(new UploadStateResponse(video.Id, video.Status, uploaded, urls.Absolute(http, slot)));
    }

    /// <summary>
    /// Queues the uploaded video (or a failed one again). The job goes into the outbox in the same
    /// transaction as the status change; calling it again while queued or later changes nothing.
    /// </summary>
    private static async Task<IResult> CompleteAsync(
        Guid id, CompleteUploadRequest? request, ClaimsPrincipal user, HttpContext http, VidsnapDbContext db, IObjectStore store,
        IOptions<QuotaOptions> quotas, TimeProvider time, CancellationToken ct)
    {
        var video = await db.Videos().Include(v => v.History).FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return NotFound();
        }

        if (video.Status == VideoStatus.Failed && video.SourceDeletedAt is not null)
        {
            return Results.Problem(title: "Source deleted", statusCode: StatusCodes.Status409Conflict,
                detail: $"The uploaded file was deleted {video.SourceRetentionDays} days after the video was created, as retention keeps it; create a new video and upload the file again.");
        }

        if (!video.CanBeQueued)
        {
            return Results.Accepted($"/api/videos/{id}", new VideoStatusResponse(id, video.Status));
        }

        if (await VideoQuotas.RefuseQueueAsync(db, user.Id(), quotas.Value, http, time.GetUtcNow(), ct) is { } refused)
        {
            return refused;
        }

        if (video.UploadId is not null && !await store.CompleteUploadAsync(video.SourceKey, video.UploadId, video.SizeBytes, request?.Parts, ct))
        {
            return Results.Problem(title: "Upload incomplete", statusCode: StatusCodes.Status409Conflict,
                detail: "The file's parts are not all uploaded. Send every part to its URL, then call complete with each part's number and the ETag its upload answered: {\"parts\": [{\"partNumber\": 1, \"eTag\": \"...\"}]}.");
        }

        var size = await store.GetSizeAsync(video.SourceKey, ct);
        if (size is null)
        {
            return Results.Problem(title: "Upload not found", statusCode: StatusCodes.Status409Conflict,
                detail: "No file has been uploaded for this video yet. Send the bytes to the upload URL first, then call complete.");
        }

        if (size != video.SizeBytes)
        {
            return Results.Problem(title: "Upload size mismatch", statusCode: StatusCodes.Status409Conflict,
                detail: $"The uploaded file has {size} bytes but {video.SizeBytes} were declared. Upload the whole file again.");
        }

        video.Queue(time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent complete won; report the state it left.
            db.ChangeTracker.Clear();
            var current = await db.Videos().AsNoTracking().SingleAsync(v => v.Id == id, ct);
            return Results.Accepted($"/api/videos/{id}", new VideoStatusResponse(id, current.Status));
        }

        return Results.Accepted($"/api/videos/{id}", new VideoStatusResponse(id, video.Status));
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, IOptions<ApiOptions> options, CancellationToken ct,
        [Description("Videos per page, from 1 to Api:MaxPageSize (default Api:DefaultPageSize).")] int? limit = null,
        [Description("The `nextCursor` of the previous page; none for the first page.")] string? cursor = null,
        [Description("Only videos in this state: AwaitingUpload, Queued, Processing, Completed or Failed (any case).")] string? status = null,
        [Description("Only videos whose file name contains this text, ignoring case; at most 200 characters.")] string? search = null,
        [Description("`newest` first (the default) or `oldest` first, by creation time.")] string? order = null)
    {
        var max = options.Value.MaxPageSize;
        var take = limit ?? options.Value.DefaultPageSize;
        var (filter, errors) = VideoListQuery.Parse(status, search, order);
        if (take < 1 || take > max)
        {
            errors["limit"] = [$"The limit must be from 1 to {max}."];
        }

        PagePosition? after = null;
        if (cursor is not null)
        {
            if (!PageCursor.TryDecodePosition(cursor, out var position))
            {
                errors["cursor"] = ["The cursor is not valid; use the nextCursor of a previous page."];
            }
            else if (filter is not null && position.Order != filter.Order)
            {
                errors["cursor"] = [$"This cursor continues a list ordered {position.Order.ToString().ToLowerInvariant()} first; ask with that order, or start again without a cursor."];
            }

            after = position;
        }

        if (errors.Count > 0 || filter is null)
        {
            return Results.ValidationProblem(errors, title: "The list request is not valid.");
        }

        var userId = user.Id();
        var query = filter.Apply(db.Videos().AsNoTracking().Where(v => v.UserId == userId), after);
        var page = await query.Take(take + 1).Select(Video.AsResource).ToListAsync(ct);
        var next = page.Count > take ? PageCursor.Encode(new PagePosition(page[take - 1].CreatedAt, page[take - 1].Id, filter.Order)) : null;
        var items = new List<VideoResource>(Math.Min(page.Count, take));
        foreach (var item in page.Take(take))
        {
            items.Add(await WithPosterAsync(item, userId, http, store, urls, ct));
        }

        return Results.Ok(new VideoPageResponse(items, next));
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct)
    {
        var video = await db.Videos().AsNoTracking().Include(v => v.History).FindOwnAsync(id, user.Id(), ct);
        return video is null ? NotFound() : Results.Ok(await WithPosterAsync(video.ToResource(withHistory: true), video.UserId, http, store, urls, ct));
    }

    /// <summary>A completed video's resource with a signed URL of its poster at list size (a JPEG 320 px wide at most); others as they are.</summary>
    private static async Task<VideoResource> WithPosterAsync(VideoResource video, Guid userId, HttpRequest http, IObjectStore store, PublicUrls urls, CancellationToken ct)
    {
        if (video.Status != VideoStatus.Completed)
        {
            return video;
        }

        var link = await store.CreateDownloadUrlAsync(ObjectKeys.PosterThumbnail(userId, video.Id), "poster.jpg", ct);
        return video with { PosterUrl = urls.Absolute(http, link.Url) };
    }

    private static Task<IResult> DownloadAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct) =>
        LinkToCompletedAsync(id, user, http, db, store, urls, "its frames", v => (v.OutputKey, DownloadName(v.FileName)), ct);

    private static Task<IResult> PosterAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct) =>
        LinkToCompletedAsync(id, user, http, db, store, urls, "its poster", v => (ObjectKeys.Poster(v.UserId, v.Id), "poster.jpg"), ct);

    private static Task<IResult> ContactSheetAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct) =>
        LinkToCompletedAsync(id, user, http, db, store, urls, "its contact sheet", v => (ObjectKeys.ContactSheet(v.UserId, v.Id), "contact_sheet.jpg"), ct);

    /// <summary>
    /// Removes the video, its history and every stored object (source, zip, extras). Objects go first, so a
    /// failure halfway leaves a video that a second DELETE finishes. While a job runs it is refused: the
    /// worker would write its outputs after them.
    /// </summary>
    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, IObjectStore store, TimeProvider time, CancellationToken ct)
    {
        var video = await db.Videos().Include(v => v.History).FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return NotFound();
        }

        if (!video.CanBeDeleted)
        {
            return Results.Problem(title: "Video is being processed", statusCode: StatusCodes.Status409Conflict,
                detail: $"The video is {video.Status}; it can be deleted once it is Completed or Failed.");
        }

        // An open multipart upload would take parts (and assemble) after its video is gone; abort it first.
        if (video.OpenUploadId is { } uploadId)
        {
            await store.AbortUploadAsync(video.SourceKey, uploadId, ct);
        }

        await store.DeletePrefixAsync(ObjectKeys.VideoPrefix(video.UserId, video.Id), ct);
        video.Delete(time.GetUtcNow());
        db.Videos().Remove(video);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted by a concurrent request, or completed meanwhile; either way this one has nothing left to do.
        }

        return Results.NoContent();
    }

    /// <summary>A pre-signed link to one of a completed video's outputs; 404 for another user's video, 409 before Completed.</summary>
    internal static async Task<IResult> LinkToCompletedAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, string what,
        Func<Video, (string Key, string FileName)> output, CancellationToken ct)
    {
        var (video, problem) = await FindCompletedAsync(id, user, db, $"{what} can be downloaded", ct);
        if (video is null)
        {
            return problem!;
        }

        var (key, fileName) = output(video);
        var link = await store.CreateDownloadUrlAsync(key, fileName, ct);
        return Results.Ok(new DownloadResponse(urls.Absolute(http, link.Url), link.ExpiresAt));
    }

    /// <summary>The caller's video if it is Completed; else the problem to answer: 404 for another user's video, 409 before Completed.</summary>
    internal static async Task<(Video? Video, IResult? Problem)> FindCompletedAsync(
        Guid id, ClaimsPrincipal user, VidsnapDbContext db, string readyWhat, CancellationToken ct)
    {
        var video = await db.Videos().AsNoTracking().FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return (null, NotFound());
        }

        return video.Status == VideoStatus.Completed
            ? (video, null)
            : (null, Results.Problem(title: "Not ready", statusCode: StatusCodes.Status409Conflict,
                detail: $"The video is {video.Status}; {readyWhat} once it is Completed."));
    }

    /// <summary>
    /// The zip's name from the uploaded file's: "férias 2024 🎉.mp4" gives "férias 2024 🎉-frames.zip". Letters
    /// and digits of any script, spaces and emoji stay; a folder part, control and direction-changing
    /// characters go; characters a file system refuses (quotes, &lt;&gt;:|?* and the like) become "_". At most
    /// 100 characters as a person counts them (an emoji with its modifiers is one), never cut inside one.
    /// </summary>
    internal static string DownloadName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var text = new StringBuilder();
        foreach (var rune in stem.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is (>= 0x200E and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0xFEFF or 0xFFFD)
            {
                continue;
            }

            text.Append(Rune.IsWhiteSpace(rune) ? " " : rune.Value is '"' or '\'' or '`' or '<' or '>' or ':' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var cleaned = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        var elements = StringInfo.GetTextElementEnumerator(cleaned);
        var kept = new StringBuilder();
        for (var count = 0; count < 100 && elements.MoveNext(); count++)
        {
            kept.Append(elements.GetTextElement());
        }

        var safe = kept.ToString().TrimEnd('.', ' ');
        return $"{(safe.Length == 0 ? "video" : safe)}-frames.zip";
    }

    internal static IResult NotFound() =>
        Results.Problem(title: "Video not found", detail: "There is no video with this id in your account.", statusCode: StatusCodes.Status404NotFound);
}
