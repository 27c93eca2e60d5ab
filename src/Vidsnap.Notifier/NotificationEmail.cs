using System.Globalization;
using Vidsnap.Contracts;
using Vidsnap.Platform.Email;

namespace Vidsnap.Notifier;

/// <summary>The words of the email: the video, the outcome, and the frame count or the reason.</summary>
public static class NotificationEmail
{
    public static OutgoingEmail Compose(NotificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Outcome == VideoStatus.Completed
            ? new OutgoingEmail(request.DeduplicationKey, request.Email, $"Your frames from \"{request.FileName}\" are ready",
                string.Create(CultureInfo.InvariantCulture, $"""
                Hello,

                Vidsnap has finished "{request.FileName}": {request.FrameCount} frames were extracted.
                Sign in to Vidsnap to download the zip.

                Video id: {request.VideoId}
                """))
            : new OutgoingEmail(request.DeduplicationKey, request.Email, $"We could not process \"{request.FileName}\"",
                $"""
                Hello,

                Vidsnap could not extract frames from "{request.FileName}".
                Reason: {request.Error}

                Fix the file and upload it again, or retry the video from your list.

                Video id: {request.VideoId}
                """);
    }
}
