using Vidsnap.Contracts;
using Vidsnap.Domain.Videos;

namespace Vidsnap.Api;

/// <summary>Which way the video list runs by creation time.</summary>
public enum VideoListOrder
{
    Newest,
    Oldest,
}

/// <summary>
/// The list's filters as GET /api/videos reads them: one status, a piece of the file name, the order. Applied to
/// the query in the database, so paging and filtering work together on SQLite and PostgreSQL alike.
/// </summary>
public sealed record VideoListQuery(VideoStatus? Status, string? Search, VideoListOrder Order)
{
    public const int MaxSearchLength = 200;

    public static VideoListQuery All { get; } = new(null, null, VideoListOrder.Newest);

    /// <summary>The query from the request's parameters, or the errors to answer, keyed by parameter.</summary>
    public static (VideoListQuery? Query, Dictionary<string, string[]> Errors) Parse(string? status, string? search, string? order)
    {
        var errors = new Dictionary<string, string[]>();
        VideoStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            // Enum.TryParse also takes numbers and lists ("1", "Queued,Failed"); only a state's name is meant here.
            if (status.All(char.IsAsciiLetter) && Enum.TryParse<VideoStatus>(status, ignoreCase: true, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status \"{Shorten(status)}\"; use one of {string.Join(", ", Enum.GetNames<VideoStatus>())}."];
            }
        }

        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (term is { Length: > MaxSearchLength })
        {
            errors["search"] = [$"Search for at most {MaxSearchLength} characters of the file name."];
        }

        var sort = VideoListOrder.Newest;
        if (!string.IsNullOrWhiteSpace(order))
        {
            if (string.Equals(order, "oldest", StringComparison.OrdinalIgnoreCase))
            {
                sort = VideoListOrder.Oldest;
            }
            else if (!string.Equals(order, "newest", StringComparison.OrdinalIgnoreCase))
            {
                errors["order"] = ["Order the list \"newest\" (the default) or \"oldest\" first."];
            }
        }

        return errors.Count > 0 ? (null, errors) : (new VideoListQuery(wanted, term, sort), errors);
    }

    /// <summary>The videos that match, in order, after the cursor's position when there is one.</summary>
    public IQueryable<Video> Apply(IQueryable<Video> videos, PagePosition? after)
    {
        if (Status is { } status)
        {
            videos = videos.Where(v => v.Status == status);
        }

        if (Search is { } search)
        {
            // A parameter, not a pattern: both providers translate Contains on a parameter to a plain substring
            // search (instr, strpos), so % and _ in the name are matched as themselves.
            var term = search.ToLowerInvariant();
#pragma warning disable CA1862 // The StringComparison overload has no SQL translation; lower() on both sides does.
            videos = videos.Where(v => v.FileName.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        if (after is { } cursor)
        {
            var at = cursor.CreatedAt;
            if (cursor.Id is { } id)
            {
                videos = Order == VideoListOrder.Oldest
                    ? videos.Where(v => v.CreatedAt > at || (v.CreatedAt == at && v.Id.CompareTo(id) > 0))
                    : videos.Where(v => v.CreatedAt < at || (v.CreatedAt == at && v.Id.CompareTo(id) < 0));
            }
            else
            {
                videos = videos.Where(v => v.CreatedAt < at);
            }
        }

        return Order == VideoListOrder.Oldest
            ? videos.OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
            : videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
