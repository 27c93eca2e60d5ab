namespace Vidsnap.Domain.Storage;

/// <summary>A video's object keys, made by the server from ids, never from a user's file name.</summary>
public static class ObjectKeys
{
    /// <summary>Everything an account stores lies below this.</summary>
    public const string AllUsersPrefix = "users/";

    public static string UserPrefix(Guid userId) => $"{AllUsersPrefix}{userId:N}/";

    public static string VideoPrefix(Guid userId, Guid videoId) => $"{UserPrefix(userId)}videos/{videoId:N}/";

    /// <summary>The video an object key belongs to; false for a key not made by <see cref="VideoPrefix"/>.</summary>
    public static bool TryParseVideo(string key, out Guid userId, out Guid videoId)
    {
        userId = videoId = Guid.Empty;
        var parts = key.Split('/');
        return parts.Length >= 5 && parts[0] == "users" && parts[2] == "videos"
            && Guid.TryParseExact(parts[1], "N", out userId) && Guid.TryParseExact(parts[3], "N", out videoId);
    }

    public static string Source(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "source";

    public static string Frames(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "frames.zip";

    public static string Poster(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "poster.jpg";

    public static string ContactSheet(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "contact_sheet.jpg";

    /// <summary>The storyboard's WebVTT and its sprites sit side by side, so the VTT's relative sprite names resolve.</summary>
    public static string Storyboard(Guid userId, Guid videoId, string fileName) => VideoPrefix(userId, videoId) + "storyboard/" + fileName;

    /// <summary>The folder of a video's frames stored one by one, each under its name in the zip.</summary>
    public static string FramesFolder(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "frames/";

    /// <summary>One frame stored on its own, under its name in the zip (frame_000001_00h00m00.000s.jpg).</summary>
    public static string Frame(Guid userId, Guid videoId, string frameFile) => FramesFolder(userId, videoId) + frameFile;

    public static string ThumbnailsFolder(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "thumbs/";

    /// <summary>A frame's small JPEG copy (320 px wide at most): the frame's name with .jpg, whatever the frame's format.</summary>
    public static string FrameThumbnail(Guid userId, Guid videoId, string frameFile) =>
        ThumbnailsFolder(userId, videoId) + Path.ChangeExtension(frameFile, ".jpg");

    public static string StoryboardFolder(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "storyboard/";

    /// <summary>The poster at list size: a JPEG 320 px wide at most.</summary>
    public static string PosterThumbnail(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "poster_thumb.jpg";

    /// <summary>The zip's manifest.json stored beside it: the source, the strategy and every frame's name, time, size and bytes.</summary>
    public static string Manifest(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "manifest.json";

    /// <summary>A split video's segment records: which frames each segment stored, read by the join.</summary>
    public static string SegmentsFolder(Guid userId, Guid videoId) => VideoPrefix(userId, videoId) + "segments/";

    /// <summary>
    /// One segment's record, fixed by attempt and index: a redelivered segment writes the same key, and a record
    /// of an earlier attempt is never read for this one.
    /// </summary>
    public static string SegmentRecord(Guid userId, Guid videoId, int attempt, int segment) =>
        SegmentsFolder(userId, videoId) + FormattableString.Invariant($"a{attempt}/{segment:0000}.json");
}
