using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Vidsnap.AccessTokens;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

/// <summary>
/// The storyboard as a trickplay player reads it: the worker's WebVTT, each sprite name replaced by a
/// pre-signed URL of that sprite (the cue's #xywh fragment kept), so the client needs nothing else.
/// </summary>
internal static partial class StoryboardEndpoint
{
    /// <summary>A storyboard has a cue per few seconds of video: a day-long one is well under this.</summary>
    private const long MaxCueBytes = 4 * 1024 * 1024;

    public static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal user, HttpRequest http, VidsnapDbContext db, IObjectStore store, PublicUrls urls, CancellationToken ct)
    {
        var (video, problem) = await VideoEndpoints.FindCompletedAsync(id, user, db, "its storyboard is ready", ct);
        if (video is null)
        {
            return problem!;
        }

        var cues = await store.ReadSmallAsync(ObjectKeys.Storyboard(video.UserId, video.Id, "storyboard.vtt"), MaxCueBytes, ct);
        if (cues is null)
        {
            return Results.Problem(title: "No storyboard", statusCode: StatusCodes.Status404NotFound,
                detail: "This video was processed before storyboards were stored on their own; the zip has it in storyboard/.");
        }

        var vtt = Encoding.UTF8.GetString(cues);
        var signed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SpriteName().Matches(vtt).Select(m => m.Value).Distinct())
        {
            var link = await store.CreateDownloadUrlAsync(ObjectKeys.Storyboard(video.UserId, video.Id, name), name, ct);
            signed[name] = urls.Absolute(http, link.Url);
        }

        var rewritten = SpriteName().Replace(vtt, m => signed[m.Value]);
        http.HttpContext.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(rewritten, "text/vtt", Encoding.UTF8);
    }

    [GeneratedRegex(@"(?m)^sprite_[0-9]{3,}\.jpg(?=#)")]
    private static partial Regex SpriteName();
}
