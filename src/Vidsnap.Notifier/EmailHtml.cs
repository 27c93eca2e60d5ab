using System.Net;
using System.Text;

namespace Vidsnap.Notifier;

/// <summary>
/// The one HTML layout of Vidsnap's emails. Mail readers ignore style sheets and scripts, so every style is inline
/// and the layout is a single centred table; every text put in is HTML-encoded (a file name is the user's).
/// </summary>
internal static class EmailHtml
{
    private const string Accent = "#4f46e5";

    public static string Page(string heading, IEnumerable<string> paragraphs, string? imageContentId = null, string? imageAlt = null, (string Text, string Url)? button = null, string? footer = null)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f4f6;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;background:#ffffff;border-radius:12px;padding:24px\">")
            .Append("<tr><td style=\"font-weight:700;font-size:14px;color:").Append(Accent).Append("\">Vidsnap</td></tr>")
            .Append("<tr><td><h1 style=\"font-size:22px;margin:12px 0\">").Append(Encode(heading)).Append("</h1></td></tr>");
        if (imageContentId is not null)
        {
            html.Append("<tr><td><img src=\"cid:").Append(Encode(imageContentId)).Append("\" alt=\"").Append(Encode(imageAlt ?? string.Empty))
                .Append("\" width=\"320\" style=\"display:block;max-width:100%;height:auto;border-radius:8px;margin:8px 0\"></td></tr>");
        }

        foreach (var paragraph in paragraphs)
        {
            html.Append("<tr><td><p style=\"font-size:16px;line-height:1.5;margin:8px 0\">").Append(Encode(paragraph)).Append("</p></td></tr>");
        }

        if (button is { } link)
        {
            html.Append("<tr><td style=\"padding:16px 0\"><a href=\"").Append(Encode(link.Url))
                .Append("\" style=\"display:inline-block;background:").Append(Accent)
                .Append(";color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px\">")
                .Append(Encode(link.Text)).Append("</a></td></tr>");
        }

        if (footer is not null)
        {
            html.Append("<tr><td><p style=\"font-size:13px;color:#59636e;margin:16px 0 0\">").Append(Encode(footer)).Append("</p></td></tr>");
        }

        // A row a line: mail lines should stay under 998 characters, and a reader of the raw message can follow it.
        return html.Append("</table></td></tr></table></body></html>").Replace("</tr>", "</tr>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
