using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Vidsnap.Api;

/// <summary>An opaque keyset cursor: the creation time of the last item seen, so pages stay stable while videos are added.</summary>
public static class PageCursor
{
    public static string Encode(DateTimeOffset createdAt) =>
        WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out DateTimeOffset createdAt)
    {
        createdAt = default;
        if (string.IsNullOrEmpty(cursor))
        {
            return false;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
