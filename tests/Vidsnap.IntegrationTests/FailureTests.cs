using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class FailureTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Random_bytes_fail_with_a_reason_and_an_email_then_a_retry_is_possible_without_a_second_email()
    {
        using var user = await app.SignedInAsync();
        var id = await user.SubmitAsync(await TestVideos.RandomBytesAsync());

        var failed = await user.WaitForStatusAsync(id, "Failed");
        Assert.Contains("not a video", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var mail = await File.ReadAllTextAsync(await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(id):N}-1-Failed.eml"));
        Assert.Contains("not a video", mail, StringComparison.Ordinal);

        using var again = await user.CompleteAsync(id);
        var retried = await user.WaitForStatusAsync(id, "Failed", also: v => v["history"]!.AsArray().Count(h => h!["status"]!.GetValue<string>() == "Failed") == 2);
        Assert.Equal(2, retried["history"]!.AsArray().Count(h => h!["status"]!.GetValue<string>() == "Queued"));

        // The same failure again within a day is news to nobody: the first email stands alone.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal($"{Guid.Parse(id):N}-1-Failed.eml", Path.GetFileName(Assert.Single(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml"))));
    }

    [Fact]
    public async Task Audio_only_fails_saying_there_is_no_video()
    {
        using var user = await app.SignedInAsync();
        var id = await user.SubmitAsync(await TestVideos.AudioOnlyAsync());

        var failed = await user.WaitForStatusAsync(id, "Failed");
        Assert.Contains("no video stream", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
