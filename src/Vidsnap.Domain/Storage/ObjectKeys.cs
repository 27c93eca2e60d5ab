namespace Vidsnap.Domain.Storage;

/// <summary>A video's object keys, made by the server from ids, never from a user's file name.</summary>
public static class ObjectKeys
{
    public static string VideoPrefix(Guid userId, Guid videoId) => $"users/{userId:N}/videos/{videoId:N}/";

    public static string Source(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "source";

    public static string Frames(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "frames.zip";

    public static string Poster(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "poster.jpg";

    public static string ContactSheet(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "contact_sheet.jpg";

    /// <summary>The storyboard's WebVTT and its sprites sit side by side, so the VTT's relative sprite names resolve.</summary>
    public static string Storyboard(Guid userId, Guid videoId, string fileName) => VideoPrefix(userId, videoId) + "storyboard/" + fileName;
}
