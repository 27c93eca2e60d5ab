using System.Text.Json;
using Vidsnap.Api;

namespace Vidsnap.UnitTests.Api;

public class VideoRequestValidatorTests
{
    private static readonly ApiOptions Limits = new();

    private static (ValidatedVideo? Video, Dictionary<string, string[]> Errors) Validate(
        string? name = "a.mp4", string? type = "video/mp4", long? size = 1000, string? options = null) =>
        VideoRequestValidator.Validate(new CreateVideoRequest(name, type, size, options is null ? null : JsonDocument.Parse(options).RootElement), Limits);

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
}
