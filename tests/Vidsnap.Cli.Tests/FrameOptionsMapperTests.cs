using System.Text.Json;
using Vidsnap.Cli;
using Vidsnap.Cli.Uploads;
using Vidsnap.Client;

namespace Vidsnap.Cli.Tests;

public sealed class FrameOptionsMapperTests
{
    private static string Json(FrameChoice choice) => JsonSerializer.Serialize(FrameOptionsMapper.Map(choice), VidsnapJson.Options);

    [Theory]
    [InlineData(2.5, null, null, null, null, null, """{"mode":"interval","intervalSeconds":2.5}""")]
    [InlineData(null, 12, null, null, null, null, """{"mode":"count","count":12}""")]
    [InlineData(null, null, "1, 2.5,10", null, null, null, """{"mode":"timestamps","timestamps":[1,2.5,10]}""")]
    [InlineData(null, null, null, "keyframes", null, null, """{"mode":"keyframes"}""")]
    [InlineData(null, null, null, "Scene", "png", null, """{"mode":"scene","format":"png"}""")]
    [InlineData(null, null, null, null, "jpg", 320, """{"format":"jpeg","width":320}""")]
    [InlineData(1.0, null, null, null, "webp", 640, """{"mode":"interval","intervalSeconds":1,"format":"webp","width":640}""")]
    public void Maps_each_choice_to_the_fields_the_api_validator_reads(double? interval, int? count, string? timestamps, string? mode, string? format, int? width, string expected) =>
        Assert.Equal(expected, Json(new FrameChoice(interval, count, timestamps, mode, format, width)));

    [Fact]
    public void No_choice_sends_no_options_so_the_server_defaults_apply() =>
        Assert.Null(FrameOptionsMapper.Map(new FrameChoice(null, null, null, null, null, null)));

    [Theory]
    [InlineData(1.0, 3, null, null, null)]
    [InlineData(null, 3, null, "scene", null)]
    [InlineData(null, null, "1,x", null, null)]
    [InlineData(null, null, "-1", null, null)]
    [InlineData(null, null, ",", null, null)]
    [InlineData(null, null, null, "interval", null)]
    [InlineData(null, null, null, null, "bmp")]
    public void Refuses_what_cannot_be_sent_as_a_usage_error(double? interval, int? count, string? timestamps, string? mode, string? format)
    {
        var error = Assert.Throws<UsageException>(() => FrameOptionsMapper.Map(new FrameChoice(interval, count, timestamps, mode, format, null)));
        Assert.Equal(ExitCodes.Usage, ExitCodes.For(error));
    }
}
