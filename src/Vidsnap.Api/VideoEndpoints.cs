using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Api.Events;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

internal static class VideoEndpoints
{
    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/api/videos").RequireAuthorization(Scopes.VideosRead);
        reads.MapGet("/", ListAsync);
        reads.MapGet("/{id:guid}", GetAsync);
        reads.MapGet("/{id:guid}/download", DownloadAsync);
        reads.MapGet("/{id:guid}/poster", PosterAsync);
        reads.MapGet("/{id:guid}/contact-sheet", ContactSheetAsync);
        reads.MapGet("/{id:guid}/storyboard", StoryboardEndpoint.GetAsync);
        reads.MapGet("/events", VideoEventEndpoints.All);
        reads.MapGet("/{id:guid}/events", VideoEventEndpoints.OneAsync);

        var writes = routes.MapGroup("/api/videos").RequireAuthorization(Scopes.VideosWrite);
        writes.MapPost("/", CreateAsync);
        writes.MapPost("/{id:guid}/complete", CompleteAsync);
        writes.MapDelete("/{id:guid}", DeleteAsync);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        CreateVideoRequest request, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store,
        PublicUrls urls, IOptions<ApiOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (valid, errors) = VideoRequestValidator.Validate(request, options.Value);
        if (valid is null)
        {
            return Results.ValidationProblem(errors, title: "The video request is not valid.");
        }

        var video = Video.Create(user.Id(), user.Email(), valid.FileName, valid.ContentType, valid.SizeBytes, valid.Options, time.GetUtcNow());
        var slot = await store.CreateUploadSlotAsync(video.SourceKey, video.ContentType, video.SizeBytes, ct);
        video.ExpectUpload(slot.UploadId);
        db.Videos().Add(video);
        await db.SaveChangesAsync(ct);
        slot = slot with { Url = slot.Url is null ? null : urls.Absolute(http, slot.Url) };
        return Results.Created($"/api/videos/{video.Id}", new CreatedVideoResponse(video.Id, video.Status, slot));
    }

    /// <summary>
    /// Queues the uploaded video (or a failed one again). The job goes into the outbox in the same
    /// transaction as the status change; calling it again while queued or later changes nothing.
    /// </summary>
    private static async Task<IResult> CompleteAsync(
        Guid id, CompleteUploadRequest? request, ClaimsPrincipal user, VidsnapDbContext db, IObjectStore store, TimeProvider time, CancellationToken ct)
    {
        var video = await db.Videos().FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return NotFound();
        }

        if (!video.CanBeQueued)
        {
            return Results.Accepted($"/api/videos/{id}", new VideoStatusResponse(id, video.Status));
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
        ClaimsPrincipal user, VidsnapDbContext db, IOptions<ApiOptions> options, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var max = options.Value.MaxPageSize;
        var take = limit ?? options.Value.DefaultPageSize;
        if (take < 1 || take > max)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"The limit must be from 1 to {max}."] });
        }

        var userId = user.Id();
        var query = db.Videos().AsNoTracking().Where(v => v.UserId == userId);
        if (cursor is not null)
        {
            if (!PageCursor.TryDecode(cursor, out var before))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid; use the nextCursor of a previous page."] });
            }

            query = query.Where(v => v.CreatedAt < before);
        }

        var page = await query.OrderByDescending(v => v.CreatedAt).Take(take + 1).ToListAsync(ct);
        var next = page.Count > take ? PageCursor.Encode(page[take - 1].CreatedAt) : null;
        return Results.Ok(new VideoPageResponse([.. page.Take(take).Select(v => VideoResponse.From(v, withHistory: false))], next));
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct)
    {
        var video = await db.Videos().AsNoTracking().Include(v => v.History).FindOwnAsync(id, user.Id(), ct);
        return video is null ? NotFound() : Results.Ok(VideoResponse.From(video, withHistory: true));
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
    private static async Task<IResult> DeleteAsync(
        Guid id, ClaimsPrincipal user, VidsnapDbContext db, IObjectStore store, TimeProvider time, CancellationToken ct)
    {
        var video = await db.Videos().FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return NotFound();
        }

        if (!video.CanBeDeleted)
        {
            return Results.Problem(title: "Video is being processed", statusCode: StatusCodes.Status409Conflict,
                detail: $"The video is {video.Status}; it can be deleted once it is Completed or Failed.");
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

    private static string DownloadName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.');
        return $"{(safe.Length == 0 ? "video" : safe[..Math.Min(safe.Length, 100)])}-frames.zip";
    }

    internal static IResult NotFound() =>
        Results.Problem(title: "Video not found", detail: "There is no video with this id in your account.", statusCode: StatusCodes.Status404NotFound);
}
