using System.Text.RegularExpressions;

namespace Vidsnap.Infrastructure.Storage;

/// <summary>Object keys are made by the server from ids, never from a user's file name.</summary>
public static partial class ObjectKeys
{
    public static string VideoPrefix(Guid userId, Guid videoId) => $"users/{userId:N}/videos/{videoId:N}/";

    public static string Source(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "source";

    public static string Frames(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "frames.zip";

    public static string Poster(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "poster.jpg";

    public static bool IsWellFormed(string key) =>
        key.Length is > 0 and <= 512 && SafeKey().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9/_.-]*$")]
    private static partial Regex SafeKey();
}
