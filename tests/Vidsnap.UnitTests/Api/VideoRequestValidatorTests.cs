using System.Text.Json;
using Vidsnap.Api;

namespace Vidsnap.UnitTests.Api;

public class VideoRequestValidatorTests
{
    private static readonly ApiOptions Limits = new();

    private static (ValidatedVideo? Video, Dictionary<string, string[]> Errors) Validate(
        string? name = "a.mp4", string? type = "video/mp4", long? size = 1000, string? options = null, double? duration = null) =>
        VideoRequestValidator.Validate(new CreateVideoRequest(name, type, size, options is null ? null : JsonDocument.Parse(options).RootElement, duration), Limits);

    [Fact]
    public void Defaults_to_one_frame_per_second()
    {
        var (video, errors) = Validate();

        Assert.Empty(errors);
        Assert.Equal("interval", video!.Options.Mode);
        Assert.Equal(1, video.Options.IntervalSeconds);
    }

    [Fact]
    public void Takes_the_interval_given()
    {
        var (video, _) = Validate(options: """{"mode":"interval","intervalSeconds":2.5}""");

        Assert.Equal(2.5, video!.Options.IntervalSeconds);
    }

    [Theory]
    [InlineData(null, "video/mp4", 1000L, "fileName")]
    [InlineData("  ", "video/mp4", 1000L, "fileName")]
    [InlineData("a\u0001.mp4", "video/mp4", 1000L, "fileName")]
    [InlineData("a.mp4", "image/png", 1000L, "contentType")]
    [InlineData("a.mp4", "application/octet-stream", 1000L, "contentType")]
    [InlineData("a.mp4", null, 1000L, "contentType")]
    [InlineData("a.mp4", "video/mp4", 0L, "sizeBytes")]
    [InlineData("a.mp4", "video/mp4", null, "sizeBytes")]
    [InlineData("a.mp4", "video/mp4", 3L * 1024 * 1024 * 1024, "sizeBytes")]
    public void Names_the_field_in_error(string? name, string? type, long? size, string field)
    {
        var (video, errors) = Validate(name, type, size);

        Assert.Null(video);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("""{"mode":"everything"}""", "options.mode")]
    [InlineData("""{"intervalSeconds":0}""", "options.intervalSeconds")]
    [InlineData("""{"intervalSeconds":-1}""", "options.intervalSeconds")]
    [InlineData("""{"intervalSeconds":100000}""", "options.intervalSeconds")]
    [InlineData("""{"intervalSeconds":"1"}""", "options.intervalSeconds")]
    [InlineData("""{"intervalSecond":1}""", "options.intervalSecond")]
    [InlineData("""[1]""", "options")]
    [InlineData("""{"mode":"count"}""", "options.count")]
    [InlineData("""{"mode":"count","count":0}""", "options.count")]
    [InlineData("""{"mode":"timestamps"}""", "options.timestamps")]
    [InlineData("""{"mode":"timestamps","timestamps":[1,-2]}""", "options.timestamps")]
    [InlineData("""{"mode":"timestamps","timestamps":[]}""", "options.timestamps")]
    [InlineData("""{"mode":"scene","threshold":2}""", "options.threshold")]
    [InlineData("""{"precision":"roughly"}""", "options.precision")]
    [InlineData("""{"format":"gif"}""", "options.format")]
    [InlineData("""{"quality":0}""", "options.quality")]
    [InlineData("""{"quality":101}""", "options.quality")]
    [InlineData("""{"width":8}""", "options.width")]
    [InlineData("""{"height":100000}""", "options.height")]
    [InlineData("""{"maxFrames":20000}""", "options.maxFrames")]
    [InlineData("""{"start":-1}""", "options.start")]
    [InlineData("""{"start":10,"end":5}""", "options.end")]
    public void Rejects_bad_options(string options, string field)
    {
        var (_, errors) = Validate(options: options);

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Takes_every_option_and_fills_in_max_frames()
    {
        var (video, errors) = Validate(options: """{"mode":"timestamps","timestamps":[5,1,5],"precision":"fast","format":"webp","quality":70,"width":640,"height":360,"start":1,"end":9}""");

        Assert.Empty(errors);
        Assert.Equal([1.0, 5.0], video!.Options.Timestamps);
        Assert.Equal(("fast", "webp", 70, 640, 360), (video.Options.Precision, video.Options.Format, video.Options.Quality, video.Options.Width, video.Options.Height));
        Assert.Equal(Limits.DefaultMaxFrames, video.Options.MaxFrames);
        Assert.Equal((1.0, 9.0), (video.Options.Start, video.Options.End));
    }

    [Fact]
    public void Size_limit_message_names_the_limit()
    {
        var (_, errors) = Validate(size: Limits.MaxUploadBytes + 1);

        Assert.Contains("2 GiB", errors["sizeBytes"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_named_as_such()
    {
        var (_, errors) = Validate(size: 0);

        Assert.Equal(["The file is empty."], errors["sizeBytes"]);
    }

    [Fact]
    public void A_count_over_the_frames_limit_is_refused_even_without_the_length_in_a_persons_words()
    {
        var (_, errors) = Validate(options: """{"mode":"count","count":2000}""");

        Assert.Equal(["2 000 frames is more than the limit of 1 000 for one video: ask for fewer, or raise the most frames (up to 10 000)."], errors["options.count"]);
        Assert.Empty(Validate(options: """{"mode":"count","count":2000,"maxFrames":2000}""").Errors);
    }

    [Theory]
    [InlineData("""{"mode":"interval","intervalSeconds":0.1}""", 200.0, "options.intervalSeconds")]
    [InlineData("""{"mode":"interval","intervalSeconds":0.1,"start":50,"end":200}""", 300.0, "options.intervalSeconds")]
    [InlineData("""{"mode":"timestamps","timestamps":[1,12]}""", 10.0, "options.timestamps")]
    [InlineData("""{"mode":"timestamps","timestamps":[1,5],"start":2}""", 10.0, "options.timestamps")]
    [InlineData("""{"start":10}""", 10.0, "options.start")]
    [InlineData("""{"mode":"scene","start":12}""", 10.0, "options.start")]
    public void With_the_length_refuses_what_the_video_cannot_give(string options, double duration, string field)
    {
        var (video, errors) = Validate(options: options, duration: duration);

        Assert.Null(video);
        Assert.Equal([field], errors.Keys);
        Assert.DoesNotContain(field.Split('.')[^1] + ":", errors[field][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"mode":"interval","intervalSeconds":0.1}""", 99.9)]
    [InlineData("""{"mode":"interval","intervalSeconds":1,"end":5000}""", 600.0)]
    [InlineData("""{"mode":"timestamps","timestamps":[0,10]}""", 10.0)]
    [InlineData("""{"mode":"count","count":1000}""", 1.0)]
    public void With_the_length_accepts_what_it_can_give_and_an_end_after_it_is_clamped(string options, double duration)
    {
        var (video, errors) = Validate(options: options, duration: duration);

        Assert.Empty(errors);
        Assert.NotNull(video);
    }

    [Fact]
    public void The_frames_of_an_interval_are_counted_as_the_video_worker_counts_them()
    {
        foreach (var (span, interval) in new[] { (10.0, 1.0), (10.0, 0.3), (99.9, 0.1), (100.0, 0.1), (0.5, 1.0), (3600.0, 0.25) })
        {
            Assert.Equal(Vidsnap.VideoWorker.FramePlanner.ExpectedFrames(span, interval), VideoRequestValidator.IntervalFrames(span, interval));
        }
    }

    [Fact]
    public void A_length_that_is_not_positive_is_refused()
    {
        Assert.Contains("durationSeconds", Validate(duration: 0).Errors.Keys);
        Assert.Contains("durationSeconds", Validate(duration: -3).Errors.Keys);
    }

    [Fact]
    public void No_message_names_a_field_in_the_apis_words()
    {
        var (_, errors) = Validate(name: null, type: "image/png", size: -1, options: """{"mode":"x","intervalSeconds":0,"quality":0,"threshold":5,"format":"gif","width":1,"maxFrames":0,"start":-1,"bogus":1}""");

        Assert.All(errors, e => Assert.All(e.Value, message =>
        {
            Assert.DoesNotMatch(@"^\w+:", message);
            Assert.DoesNotContain("sizeBytes", message, StringComparison.Ordinal);
            Assert.DoesNotContain("maxFrames", message, StringComparison.Ordinal);
            Assert.DoesNotContain("intervalSeconds", message, StringComparison.Ordinal);
        }));
    }
}
