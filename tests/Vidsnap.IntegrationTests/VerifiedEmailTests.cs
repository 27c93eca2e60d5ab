using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>An address is verified before Vidsnap mails it anything else, and registration gives nothing away about who has an account.</summary>
public sealed class VerifiedEmailTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private const string Password = "correct horse battery";
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task An_unverified_address_gets_only_the_verification_message_until_it_is_verified()
    {
        using var person = app.Anonymous();
        await person.RegisterAndLoginAsync($"unverified-{Guid.NewGuid():N}@example.com", Password);

        var first = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        await person.WaitForStatusAsync(first, "Completed");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(first):N}-*.eml"));
        var toPerson = MailTo(person.Email!);
        Assert.Equal("Verify your email address for Vidsnap", Assert.Single(toPerson).Subject);

        await person.VerifyEmailAsync(app.MailDirectory);
        var second = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        await person.WaitForStatusAsync(second, "Completed");
        await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(second):N}-*.eml");
        Assert.Empty(Directory.GetFiles(app.MailDirectory, $"{Guid.Parse(first):N}-*.eml"));
    }

    [Fact]
    public async Task A_wrong_used_or_missing_code_is_a_problem_never_a_success()
    {
        using var person = app.Anonymous();
        await person.RegisterAndLoginAsync($"codes-{Guid.NewGuid():N}@example.com", Password);
        var code = await VerificationEmails.WaitForCodeAsync(app.MailDirectory, person.Email!);

        foreach (var wrong in new[] { "", "not-the-code-at-all", code[..^1] + (code[^1] == 'A' ? 'B' : 'A'), new string('x', 5000) })
        {
            using var response = await person.Http.PostAsJsonAsync("/auth/verify-email", new { code = wrong });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{wrong[..Math.Min(wrong.Length, 20)]}': {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var right = await person.Http.PostAsJsonAsync("/auth/verify-email", new { code }))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal(person.Email, (await ApiClient.Json(right))["email"]!.GetValue<string>());
        }

        using var again = await person.Http.PostAsJsonAsync("/auth/verify-email", new { code });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Verification_emails_are_limited_to_a_few_an_hour()
    {
        using var person = app.Anonymous();
        await person.RegisterAndLoginAsync($"resend-{Guid.NewGuid():N}@example.com", Password);

        Assert.Equal(HttpStatusCode.Accepted, (await person.Http.PostAsync("/auth/resend-verification", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await person.Http.PostAsync("/auth/resend-verification", null)).StatusCode);
        using var limited = await person.Http.PostAsync("/auth/resend-verification", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        await Eventually.TrueAsync(() => Task.FromResult(MailTo(person.Email!).Count == 3), TimeSpan.FromSeconds(20), "not three verification emails");
    }

    [Fact]
    public async Task Registration_answers_alike_for_a_new_and_a_known_address_and_tells_the_owner_instead()
    {
        using var owner = await app.SignedInAsync();
        using var stranger = app.Anonymous();
        var known = new List<TimeSpan>();
        var fresh = new List<TimeSpan>();
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 7; i++)
        {
            foreach (var (address, times) in new[] { (owner.Email!, known), ($"new-{Guid.NewGuid():N}@example.com", fresh) })
            {
                var clock = Stopwatch.StartNew();
                using var response = await stranger.Http.PostAsJsonAsync("/auth/register", new { email = address, password = "attacker's guess" });
                times.Add(clock.Elapsed);
                var body = await ApiClient.Json(response);
                answers.Add((response.StatusCode, string.Join(',', body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal))));
                Assert.Equal(address, body["email"]!.GetValue<string>());
            }
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Created, answers[0].Item1);
        var (k, f) = (Median(known), Median(fresh));
        // Skipping the password hash for a known address would make it tens of times faster; noise on a busy machine is far less.
        Assert.True(Math.Abs(k - f) / Math.Max(k, f) < 0.5, $"known {k:0} ms, new {f:0} ms");

        // The owner hears of it, once however often it was tried; the stranger's password opens nothing.
        await Eventually.TrueAsync(() => Task.FromResult(MailTo(owner.Email!).Any(m => m.Subject.StartsWith("Someone tried to sign up", StringComparison.Ordinal))), TimeSpan.FromSeconds(20), "no notice to the owner");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(MailTo(owner.Email!), m => m.Subject.StartsWith("Someone tried to sign up", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Http.PostAsJsonAsync("/auth/login", new { email = owner.Email, password = "attacker's guess" })).StatusCode);
    }

    private static double Median(List<TimeSpan> times) => times.Select(t => t.TotalMilliseconds).Order().ElementAt(times.Count / 2);

    private List<(string File, string Subject)> MailTo(string address) =>
        [.. Directory.GetFiles(app.MailDirectory, "*.eml")
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Where(m => m.Text.Contains($"To: {address}", StringComparison.OrdinalIgnoreCase))
            .Select(m => (m.File, m.Text.Split('\n').First(l => l.StartsWith("Subject: ", StringComparison.Ordinal))["Subject: ".Length..].Trim()))];
}
