using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

/// <summary>The video the frames were taken from, as the manifest describes it.</summary>
public sealed record FrameSource(double DurationSeconds, string Codec, int Width, int Height, double FrameRate, int Rotation);

/// <summary>
/// One frame: its place (0-based) in the video's frames, its name in the zip, its time, its size, and signed
/// URLs of the full image (which downloads under that name) and of a small JPEG of it.
/// </summary>
public sealed record FrameItem(int Index, string File, double TimestampSeconds, int Width, int Height, long Bytes, string Url, string ThumbnailUrl);

/// <summary>A page of a completed video's frames; every URL works until <c>expiresAt</c>.</summary>
public sealed record FramePageResponse(FrameSource Source, string Strategy, int Total, int Offset, IReadOnlyList<FrameItem> Frames, DateTimeOffset ExpiresAt);

/// <summary>
/// A completed video's frames one by one, for a gallery: read from the manifest.json the worker stores beside
/// the zip, each frame and its thumbnail a pre-signed URL of its own object.
/// </summary>
internal static class FrameEndpoints
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>About 150 bytes a frame: room for a hundred thousand frames, far past any video's limit.</summary>
    private const long MaxManifestBytes = 16 * 1024 * 1024;

    public static RouteHandlerBuilder MapFrameEndpoints(this IEndpointRouteBuilder reads) =>
        reads.MapGet("/{id:guid}/frames", ListAsync)
            .WithName("listFrames").WithSummary("List a video's frames")
            .WithDescription("A page of the completed video's frames in time order: each with its index, its name in the zip, its time, size and bytes, "
                + "a pre-signed `url` of the full frame (downloads as its file name) and a `thumbnailUrl` of a small JPEG, valid until `expiresAt`. "
                + "Page with `offset` and `limit` (1 to 1000, default 200); `total` is the number of frames.")
            .Produces<FramePageResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ListAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct,
        [Description("The index of the first frame of the page (default 0).")] int? offset = null,
        [Description("Frames per page, from 1 to 1000 (default 200).")] int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var skip = offset ?? 0;
        var take = limit ?? DefaultLimit;
        if (skip < 0)
        {
            errors["offset"] = ["Start from frame 0 or a later one."];
        }

        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Ask for 1 to {MaxLimit} frames at a time."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The page of frames asked for is not valid.");
        }

        var (video, problem) = await VideoEndpoints.FindCompletedAsync(id, user, db, "its frames can be listed", ct);
        if (video is null)
        {
            return problem!;
        }

        var manifest = await ReadManifestAsync(store, ObjectKeys.Manifest(video.UserId, video.Id), ct);
        if (manifest is null)
        {
            return Results.Problem(title: "No frames stored", statusCode: StatusCodes.Status404NotFound,
                detail: "This video was processed before frames were stored one by one; download the zip for its frames, or process the video again.");
        }

        var frames = new List<FrameItem>();
        var expiresAt = DateTimeOffset.MaxValue;
        var all = manifest.Frames ?? [];
        for (var i = skip; i < all.Count && i < (long)skip + take; i++)
        {
            var frame = all[i];
            var full = await store.CreateDownloadUrlAsync(ObjectKeys.Frame(video.UserId, video.Id, frame.File), frame.File, ct);
            var thumbnail = await store.CreateDownloadUrlAsync(
                ObjectKeys.FrameThumbnail(video.UserId, video.Id, frame.File), Path.ChangeExtension(frame.File, ".thumb.jpg"), ct);
            expiresAt = Min(expiresAt, Min(full.ExpiresAt, thumbnail.ExpiresAt));
            frames.Add(new FrameItem(i, frame.File, frame.Timestamp, frame.Width, frame.Height, frame.Bytes, urls.Absolute(http, full.Url), urls.Absolute(http, thumbnail.Url)));
        }

        if (frames.Count == 0)
        {
            // A page past the end still says until when URLs from this call would work: as long as a link made now.
            expiresAt = (await store.CreateDownloadUrlAsync(ObjectKeys.Manifest(video.UserId, video.Id), "manifest.json", ct)).ExpiresAt;
        }

        var source = manifest.Source;
        http.HttpContext.Response.Headers.CacheControl = "private, no-store";
        return Results.Ok(new FramePageResponse(
            new FrameSource(source.Duration, source.Codec, source.Width, source.Height, source.FrameRate, source.Rotation),
            manifest.Strategy, all.Count, skip, frames, expiresAt));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The stored manifest.json, or null when the video has none (processed before frames were stored on their own).</summary>
    private static async Task<FrameManifest?> ReadManifestAsync(IObjectStore store, string key, CancellationToken ct) =>
        await store.ReadSmallAsync(key, MaxManifestBytes, ct) is { } json
            ? JsonSerializer.Deserialize<FrameManifest>(json, MessageJson.Options)
            : null;
}
