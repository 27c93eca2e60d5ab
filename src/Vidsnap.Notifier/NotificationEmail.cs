using System.Globalization;
using Vidsnap.Contracts;
using Vidsnap.Platform.Email;

namespace Vidsnap.Notifier;

/// <summary>
/// The words of the email: the video, the outcome, the frame count or the reason and what to do about it; as text and
/// as HTML with the poster inline and a button to the video's page when the web app's address is known.
/// </summary>
public static class NotificationEmail
{
    public const string PosterContentId = "poster@vidsnap";

    /// <param name="request">The outcome to tell.</param>
    /// <param name="videoPageUrl">The video's page in the web app, or null when the notifier does not know the web app's address.</param>
    /// <param name="posterJpeg">The poster thumbnail of a completed video, or null when there is none to show.</param>
    public static OutgoingEmail Compose(NotificationRequest request, string? videoPageUrl, byte[]? posterJpeg)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Outcome == VideoStatus.Completed ? Completed(request, videoPageUrl, posterJpeg) : Failed(request, videoPageUrl);
    }

    private static OutgoingEmail Completed(NotificationRequest request, string? videoPageUrl, byte[]? posterJpeg)
    {
        var frames = request.FrameCount == 1 ? "1 frame was" : string.Create(CultureInfo.InvariantCulture, $"{request.FrameCount} frames were");
        var summary = $"Vidsnap has finished \"{request.FileName}\": {frames} extracted.";
        var next = videoPageUrl is null
            ? "Sign in to Vidsnap to see them and download the zip."
            : "See them one by one, or download them all as a zip, on the video's page.";
        var text = $"""
            Hello,

            {summary}
            {next}
            {(videoPageUrl is null ? string.Empty : videoPageUrl + "\n")}
            Video id: {request.VideoId}
            """;
        var images = posterJpeg is null ? [] : new[] { new InlineImage(PosterContentId, "poster.jpg", "image/jpeg", posterJpeg) };
        return new OutgoingEmail(request.DeduplicationKey, request.Email, $"Your frames from \"{request.FileName}\" are ready", text)
        {
            HtmlBody = EmailHtml.Page(
                "Your frames are ready",
                [summary, next],
                posterJpeg is null ? null : PosterContentId,
                $"The poster frame of {request.FileName}",
                videoPageUrl is null ? null : ("Open the video", videoPageUrl),
                $"Video id: {request.VideoId}"),
            InlineImages = images,
        };
    }

    private static OutgoingEmail Failed(NotificationRequest request, string? videoPageUrl)
    {
        var summary = $"Vidsnap could not extract frames from \"{request.FileName}\".";
        var reason = $"Reason: {request.Error}";
        var next = videoPageUrl is null
            ? "Fix the file and upload it again, or retry the video from your list with other options."
            : "Fix the file and upload it again, or open the video and retry it with other options.";
        var text = $"""
            Hello,

            {summary}
            {reason}

            {next}
            {(videoPageUrl is null ? string.Empty : videoPageUrl + "\n")}
            Video id: {request.VideoId}
            """;
        return new OutgoingEmail(request.DeduplicationKey, request.Email, $"We could not process \"{request.FileName}\"", text)
        {
            HtmlBody = EmailHtml.Page(
                "We could not process your video",
                [summary, reason, next],
                button: videoPageUrl is null ? null : ("Open the video", videoPageUrl),
                footer: $"Video id: {request.VideoId}"),
        };
    }
}
