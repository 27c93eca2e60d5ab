using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Email is for telling people things once: retries of a failing video and bursts of videos do not flood anyone.</summary>
public sealed class EmailLimitTests
{
    [Fact]
    public async Task Twenty_completes_of_a_failing_video_send_one_failure_email()
    {
        using var app = new VidsnapApp();
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.RandomBytesAsync());
        await person.WaitForStatusAsync(id, "Failed");

        for (var attempt = 2; attempt <= 20; attempt++)
        {
            (await person.CompleteAsync(id)).Dispose();
            await person.WaitForStatusAsync(id, "Failed", also: v => v["history"]!.AsArray().Count(h => h!["status"]!.GetValue<string>() == "Failed") == attempt);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var mail = Assert.Single(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml"));
        Assert.EndsWith("-1-Failed.eml", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_gets_at_most_its_hourly_cap_and_the_rest_are_held_back_not_resent()
    {
        using var app = new VidsnapApp(new Dictionary<string, string> { ["Notifications:MaxPerUserPerHour"] = "4", ["Recovery:IntervalSeconds"] = "1", ["Recovery:StaleAfterSeconds"] = "10" });
        using var person = await app.SignedInAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1)));
        }

        foreach (var id in ids)
        {
            await person.WaitForStatusAsync(id, "Completed");
        }

        // The cap counts every email to the address: the verification message and three of the five videos'.
        int VideoEmails() => ids.Count(id => Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml").Length > 0);
        await Eventually.TrueAsync(() => Task.FromResult(VideoEmails() >= 3), TimeSpan.FromSeconds(20), "fewer than 3 video emails");
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.Equal(3, VideoEmails());
        Assert.Equal(4, Directory.GetFiles(app.MailDirectory, "*.eml").Length);
    }
}
