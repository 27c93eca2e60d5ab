using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;

namespace Vidsnap.Api;

/// <summary>
/// POST /api/videos/{id}/retry: a finished video run again from its stored source, as a new attempt, with the same
/// options or new ones, and no new upload. The job and the video.queued event are made by the video itself
/// (<see cref="Domain.Videos.Video.Retry"/>) and saved in one transaction with the change.
/// </summary>
internal static class RetryEndpoint
{
    public static IEndpointRouteBuilder MapRetryEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/videos/{id:guid}/retry", RetryAsync)
            .RequireAuthorization(Scopes.VideosWrite).WithTags("Videos")
            .WithName("retryVideo").WithSummary("Run a finished video again")
            .WithDescription("For a Failed or Completed video whose uploaded file is still kept: extracts its frames again as a new attempt (`attempt` goes up by one), "
                + "with `options` (the same shape as create's; fields left out take the defaults) or, without a body, the same options as before. "
                + "The new outputs replace the old ones. 409 while it awaits its upload or is Queued or Processing, or once retention deleted the uploaded file.")
            .Produces<VideoStatusResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    private static async Task<IResult> RetryAsync(
        Guid id, RetryVideoRequest? request, ClaimsPrincipal user, HttpContext http, VidsnapDbContext db,
        IOptions<ApiOptions> limits, IOptions<QuotaOptions> quotas, TimeProvider time, CancellationToken ct)
    {
        ExtractionOptions? options = null;
        if (request?.Options is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } given)
        {
            var (valid, errors) = VideoRequestValidator.ValidateOptions(given, limits.Value);
            if (valid is null)
            {
                return Results.ValidationProblem(errors, title: "The new options are not valid.");
            }

            options = valid;
        }

        var video = await db.Videos().Include(v => v.History).FindOwnAsync(id, user.Id(), ct);
        if (video is null)
        {
            return VideoEndpoints.NotFound();
        }

        if (video.IsFinished && video.SourceDeletedAt is not null)
        {
            return Results.Problem(title: "Source deleted", statusCode: StatusCodes.Status409Conflict,
                detail: $"The uploaded file was deleted {video.SourceRetentionDays} days after the video was created, as retention keeps it; create a new video and upload the file again.");
        }

        if (!video.CanBeRetried)
        {
            return Results.Problem(title: "Not finished", statusCode: StatusCodes.Status409Conflict,
                detail: video.Status == VideoStatus.AwaitingUpload
                    ? "The video's upload is not complete yet: finish the upload (and call complete) instead."
                    : $"The video is {video.Status}; it can be run again once it is Completed or Failed.");
        }

        var now = time.GetUtcNow();
        if (await VideoQuotas.RefuseQueueAsync(db, user.Id(), quotas.Value, http, now, ct,
            "Retry again once one of them is Completed or Failed; the uploaded file is kept until retention deletes it.") is { } refused)
        {
            return refused;
        }

        video.Retry(options, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent retry (or delete) won; this one starts nothing.
            return Results.Problem(title: "Changed meanwhile", statusCode: StatusCodes.Status409Conflict,
                detail: "The video changed while it was being retried (retried or deleted at the same time). Look at it again before retrying.");
        }

        return Results.Accepted($"/api/videos/{id}", new VideoStatusResponse(id, video.Status));
    }
}
