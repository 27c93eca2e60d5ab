using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Vidsnap.AccessTokens;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;

namespace Vidsnap.Api.Events;

/// <summary>
/// GET /api/videos/events and /api/videos/{id}/events: Server-Sent Events of the caller's videos, or of one.
/// Last-Event-ID (or ?lastEventId= for clients that cannot set headers) resumes after the last event received.
/// </summary>
internal static class VideoEventEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IResult All(ClaimsPrincipal user, HttpRequest http, string? lastEventId = null) =>
        StreamOf(user, null, http, lastEventId);

    /// <summary>Another user's video does not exist for the caller; a deleted one does while its changes are kept, so a resume learns it went.</summary>
    public static async Task<IResult> OneAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, CancellationToken ct, string? lastEventId = null)
    {
        var userId = user.Id();
        var resuming = !string.IsNullOrEmpty(LastEventId(http, lastEventId));
        var known = await db.Videos().AnyAsync(v => v.Id == id && v.UserId == userId, ct)
            || (resuming && await db.VideoChanges().AnyAsync(c => c.VideoId == id && c.UserId == userId, ct));
        return known ? StreamOf(user, id, http, lastEventId) : VideoEndpoints.NotFound();
    }

    private static IResult StreamOf(ClaimsPrincipal user, Guid? videoId, HttpRequest http, string? lastEventId)
    {
        long? resumeAfter = null;
        if (LastEventId(http, lastEventId) is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["lastEventId"] = ["Last-Event-ID must be the id of an event this stream sent: a whole number, 0 or more."],
                });
            }

            resumeAfter = parsed;
        }

        return new VideoEventStream(new StreamRequest(user.Id(), videoId, resumeAfter, StreamCredentials.ExpiresAt(user)));
    }

    private static string? LastEventId(HttpRequest http, string? query)
    {
        var header = http.Headers[LastEventIdHeader].ToString();
        return header.Length > 0 ? header.Trim() : query?.Trim();
    }
}
