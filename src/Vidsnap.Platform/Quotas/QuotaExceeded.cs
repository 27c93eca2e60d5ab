using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Vidsnap.Platform.Quotas;

/// <summary>
/// The 429 problem of an account over one of its quotas: names the limit (its setting and value), the usage,
/// and what frees it; when time alone frees it, when (<c>freesAt</c> and Retry-After).
/// </summary>
public static class QuotaExceeded
{
    /// <param name="quota">The <see cref="QuotaOptions"/> property that sets the limit.</param>
    public static IResult Problem(HttpContext context, string quota, long limit, long usage, string frees, DateTimeOffset now, DateTimeOffset? freesAt = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(quota);
        if (freesAt is { } at)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((at - now).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var extensions = new Dictionary<string, object?>
        {
            ["quota"] = char.ToLowerInvariant(quota[0]) + quota[1..],
            ["setting"] = $"{QuotaOptions.Section}:{quota}",
            ["limit"] = limit,
            ["usage"] = usage,
        };
        if (freesAt is not null)
        {
            extensions["freesAt"] = freesAt;
        }

        return Results.Problem(
            title: "Quota exceeded",
            detail: $"Your account is at its limit of {Describe(quota, limit)} (using {Describe(quota, usage)}). {frees}",
            statusCode: StatusCodes.Status429TooManyRequests,
            extensions: extensions);
    }

    private static string Describe(string quota, long value) => quota switch
    {
        nameof(QuotaOptions.StoredBytes) => string.Create(CultureInfo.InvariantCulture, $"{value / (1024.0 * 1024 * 1024):0.##} GiB stored"),
        nameof(QuotaOptions.VideosInFlight) => $"{value} videos queued or processing",
        nameof(QuotaOptions.VideosPerDay) => $"{value} videos created in 24 hours",
        nameof(QuotaOptions.ApiKeys) => $"{value} API keys",
        nameof(QuotaOptions.Webhooks) => $"{value} webhook endpoints",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
