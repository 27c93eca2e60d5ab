using MimeKit;
using Vidsnap.Contracts;
using Vidsnap.Notifier;
using Vidsnap.Platform.Email;

namespace Vidsnap.UnitTests.Notifier;

public sealed class NotificationEmailTests
{
    private static readonly byte[] Poster = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    private static NotificationRequest Request(VideoStatus outcome, string fileName = "holiday.mp4") =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, outcome, "owner@example.com", fileName, outcome == VideoStatus.Completed ? 12 : null,
            outcome == VideoStatus.Failed ? "The file is not a video ffmpeg can read." : null, Guid.NewGuid());

    private static MimeMessage Mime(OutgoingEmail email) => MimeMessages.Create(email, new EmailOptions(), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_completed_video_s_email_is_text_and_html_with_the_poster_inline_and_a_button_to_its_page()
    {
        var request = Request(VideoStatus.Completed);
        var page = $"https://vidsnap.example.com/#/videos/{request.VideoId}";
        var message = Mime(NotificationEmail.Compose(request, page, Poster));

        Assert.Contains("12 frames were extracted", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(page, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("12 frames were extracted", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"src=\"cid:{NotificationEmail.PosterContentId}\"", message.HtmlBody, StringComparison.Ordinal);
        var poster = Assert.Single(message.BodyParts.OfType<MimePart>(), p => p.ContentId == NotificationEmail.PosterContentId);
        Assert.Equal("image/jpeg", poster.ContentType.MimeType);
        using var bytes = new MemoryStream();
        poster.Content!.DecodeTo(bytes);
        Assert.Equal(Poster, bytes.ToArray());
    }

    [Fact]
    public void Without_the_web_app_s_address_or_a_poster_the_email_says_to_sign_in_and_shows_no_picture()
    {
        var message = Mime(NotificationEmail.Compose(Request(VideoStatus.Completed), videoPageUrl: null, posterJpeg: null));

        Assert.Contains("Sign in to Vidsnap", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(message.BodyParts.OfType<MimePart>(), p => p.ContentType.MediaType == "image");
    }

    [Fact]
    public void A_failure_s_email_gives_the_reason_and_what_to_do()
    {
        var request = Request(VideoStatus.Failed);
        var message = Mime(NotificationEmail.Compose(request, "http://localhost:8080/#/videos/x", posterJpeg: null));

        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("Reason: The file is not a video ffmpeg can read.", body, StringComparison.Ordinal);
            Assert.Contains("retry it with other options", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_name_is_text_in_the_html_never_markup()
    {
        var message = Mime(NotificationEmail.Compose(Request(VideoStatus.Completed, "<img src=x onerror=alert(1)>.mp4"), null, null));

        Assert.DoesNotContain("<img src=x", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;.mp4", message.HtmlBody, StringComparison.Ordinal);
    }
}
