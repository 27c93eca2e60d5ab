using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Vidsnap.Api;

/// <summary>Where a page of videos ended: the last item's creation time and id, and which way the list runs.</summary>
public readonly record struct PagePosition(DateTimeOffset CreatedAt, Guid? Id, VideoListOrder Order);

/// <summary>
/// An opaque keyset cursor: the creation time and id of the last item seen, so pages stay stable while videos are
/// added, and two videos created in the same tick are neither skipped nor repeated. Cursors made before the id and
/// order were written hold the time alone and stand for newest first.
/// </summary>
public static class PageCursor
{
    public static string Encode(DateTimeOffset createdAt) =>
        WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));

    public static string Encode(PagePosition position)
    {
        var order = position.Order == VideoListOrder.Oldest ? "o" : "n";
        var text = string.Create(CultureInfo.InvariantCulture, $"{position.CreatedAt.UtcTicks}.{position.Id:N}.{order}");
        return WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string? cursor, out DateTimeOffset createdAt)
    {
        var decoded = TryDecodePosition(cursor, out var position);
        createdAt = position.CreatedAt;
        return decoded;
    }

    public static bool TryDecodePosition(string? cursor, out PagePosition position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor))
        {
            return false;
        }

        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('.');
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
        if (parts.Length == 1)
        {
            position = new PagePosition(at, null, VideoListOrder.Newest);
            return true;
        }

        if (parts.Length != 3 || !Guid.TryParseExact(parts[1], "N", out var id) || parts[2] is not ("n" or "o"))
        {
            return false;
        }

        position = new PagePosition(at, id, parts[2] == "o" ? VideoListOrder.Oldest : VideoListOrder.Newest);
        return true;
    }
}
