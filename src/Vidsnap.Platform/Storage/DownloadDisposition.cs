using System.Text;

namespace Vidsnap.Platform.Storage;

/// <summary>
/// The Content-Disposition of a download, as RFC 6266 has it: an ASCII <c>filename=</c> for old clients (each
/// character outside printable ASCII, and each quote or backslash, an underscore) and the name itself in
/// <c>filename*=UTF-8''</c>, which browsers prefer, so "férias 2024 🎉-frames.zip" is saved under that name.
/// </summary>
public static class DownloadDisposition
{
    public static string Attachment(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fallback = new StringBuilder(fileName.Length);
        foreach (var rune in fileName.EnumerateRunes())
        {
            fallback.Append(rune.Value is >= 0x20 and < 0x7F and not '"' and not '\\' ? (char)rune.Value : '_');
        }

        var plain = fallback.ToString();
        return plain == fileName
            ? $"attachment; filename=\"{plain}\""
            : $"attachment; filename=\"{plain}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
