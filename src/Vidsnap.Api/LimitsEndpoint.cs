using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Contracts;

namespace Vidsnap.Api;

/// <summary>
/// What a create request may ask for, so a form offers only what the api accepts: the same numbers the validator
/// checks (<see cref="ApiOptions"/> and the bounds of <see cref="ExtractionOptions"/>), and the options a request
/// that gives none gets.
/// </summary>
public sealed record LimitsResponse(
    long MaxUploadBytes,
    double MinIntervalSeconds,
    double MaxIntervalSeconds,
    int DefaultMaxFrames,
    int MaxFramesCap,
    int MaxDimension,
    double MinThreshold,
    double MaxThreshold,
    int MinQuality,
    int MaxQuality,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> Precisions,
    IReadOnlyList<string> Formats,
    ExtractionOptions Defaults)
{
    public static LimitsResponse From(ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new LimitsResponse(
            limits.MaxUploadBytes, limits.MinIntervalSeconds, limits.MaxIntervalSeconds, limits.DefaultMaxFrames, limits.MaxFramesCap, limits.MaxDimension,
            ExtractionOptions.MinThreshold, ExtractionOptions.MaxThreshold, ExtractionOptions.MinQuality, ExtractionOptions.MaxQuality,
            ExtractionOptions.Modes, ExtractionOptions.Precisions, ExtractionOptions.Formats, VideoRequestValidator.DefaultOptions(limits));
    }
}

internal static class LimitsEndpoint
{
    public static IEndpointRouteBuilder MapLimitsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/limits", (IOptions<ApiOptions> options) => Results.Ok(LimitsResponse.From(options.Value)))
            .RequireAuthorization(Scopes.VideosRead).WithTags("Videos")
            .WithName("getLimits").WithSummary("What a video may ask for")
            .WithDescription("The largest upload, the bounds of each option (interval, frames, size, threshold, quality), the modes, precisions and formats, "
                + "and the options a video gets when it gives none. The same numbers create and retry check.")
            .Produces<LimitsResponse>();
        return routes;
    }
}
