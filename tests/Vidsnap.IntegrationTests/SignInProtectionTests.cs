using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

public sealed class SignInProtectionTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private const string Password = "correct horse battery";
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Five_failures_lock_an_account_even_against_the_right_password_and_an_unknown_email_looks_the_same()
    {
        using var client = app.Anonymous();
        var known = $"known-{Guid.NewGuid():N}@example.com";
        var unknown = $"unknown-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.Http.PostAsJsonAsync("/auth/register", new { email = known, password = Password })).StatusCode);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, known, "wrong password")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, unknown, "wrong password")).Status);
        }

        var lockedKnown = await LoginAsync(client, known, Password);
        var lockedUnknown = await LoginAsync(client, unknown, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedKnown.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedUnknown.Status);
        Assert.InRange(lockedKnown.RetryAfterSeconds, 14 * 60, 15 * 60);
        Assert.Equal(lockedKnown.Detail, lockedUnknown.Detail);
        Assert.Equal(lockedKnown.Title, lockedUnknown.Title);
    }

    [Fact]
    public async Task Twenty_parallel_guesses_get_at_most_the_limit_past_the_check_and_the_owner_still_signs_in_from_a_known_browser()
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        using var ownersBrowser = app.Anonymous();
        Assert.Equal(HttpStatusCode.Created, (await ownersBrowser.Http.PostAsJsonAsync("/auth/register", new { email = owner, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(ownersBrowser, owner, Password)).Status);

        // The attacker holds a device cookie of their own account: it must not count for someone else's.
        using var attacker = await app.SignedInAsync();
        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => LoginAsync(attacker, owner, $"guess {i}")));
        var checkedGuesses = guesses.Count(g => g.Status == HttpStatusCode.Unauthorized);
        var refused = guesses.Count(g => g.Status == HttpStatusCode.TooManyRequests);
        Assert.True(checkedGuesses <= 5, $"{checkedGuesses} of 20 parallel guesses reached the password check; the limit is 5.");
        Assert.Equal(20, checkedGuesses + refused);

        using var newBrowser = app.Anonymous();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(newBrowser, owner, Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(ownersBrowser, owner, Password)).Status);
    }

    [Fact]
    public async Task A_locked_out_owner_in_a_new_browser_gets_in_after_opening_the_emailed_link_and_strangers_learn_nothing()
    {
        using var owner = await app.SignedInAsync();
        using var stranger = app.Anonymous();
        for (var i = 0; i < 6; i++)
        {
            await LoginAsync(stranger, owner.Email!, $"guess {i}");
        }

        using var newBrowser = app.Anonymous();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(newBrowser, owner.Email!, Password)).Status);

        // The answer is the same for an address with no account.
        using var asked = await newBrowser.Http.PostAsJsonAsync("/auth/unlock", new { email = owner.Email });
        using var askedForNobody = await stranger.Http.PostAsJsonAsync("/auth/unlock", new { email = $"nobody-{Guid.NewGuid():N}@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, askedForNobody.StatusCode);
        Assert.Equal(await asked.Content.ReadAsStringAsync(), await askedForNobody.Content.ReadAsStringAsync());

        var mail = await Eventually.SingleFileAsync(app.MailDirectory, "unlock-sign-in-*.eml");
        var code = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(mail), @"this code: ([A-Za-z0-9_-]{10,})").Groups[1].Value;
        Assert.Contains($"To: {owner.Email}", await File.ReadAllTextAsync(mail), StringComparison.OrdinalIgnoreCase);

        using (var wrong = await newBrowser.Http.PostAsJsonAsync("/auth/unlock/confirm", new { code = "not-the-code-at-all" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var confirmed = await newBrowser.Http.PostAsJsonAsync("/auth/unlock/confirm", new { code }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(newBrowser, owner.Email!, Password)).Status);

        // The code works once, and the lock others caused still holds for them.
        using (var again = await stranger.Http.PostAsJsonAsync("/auth/unlock/confirm", new { code }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(stranger, owner.Email!, Password)).Status);
    }

    [Fact]
    public async Task A_known_browser_has_a_limit_of_its_own()
    {
        var email = $"own-limit-{Guid.NewGuid():N}@example.com";
        using var browser = app.Anonymous();
        await browser.Http.PostAsJsonAsync("/auth/register", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(browser, email, Password)).Status);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(browser, email, "wrong password")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(browser, email, Password)).Status);

        // Its lock is the browser's alone: the account counter was never touched.
        using var otherBrowser = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(otherBrowser, email, Password)).Status);
    }

    [Fact]
    public async Task A_successful_sign_in_clears_the_count_of_failures()
    {
        using var client = app.Anonymous();
        var email = $"forgetful-{Guid.NewGuid():N}@example.com";
        await client.Http.PostAsJsonAsync("/auth/register", new { email, password = Password });
        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email, "wrong password")).Status);
            }

            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, Password)).Status);
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_take_the_same_time()
    {
        using var client = app.Anonymous();
        string[] known = [$"timed-a-{Guid.NewGuid():N}@example.com", $"timed-b-{Guid.NewGuid():N}@example.com"];
        foreach (var email in known)
        {
            await client.Http.PostAsJsonAsync("/auth/register", new { email, password = Password });
        }

        // Interleaved, so load from other work on the machine falls on both alike; two accounts stay under the lockout.
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            knownTimes.Add((await LoginAsync(client, known[i % 2], "wrong password")).Elapsed.TotalMilliseconds);
            unknownTimes.Add((await LoginAsync(client, $"nobody-{i}-{Guid.NewGuid():N}@example.com", "wrong password")).Elapsed.TotalMilliseconds);
        }

        // Both spend a full PBKDF2 check (hundreds of ms); skipping it for unknown emails would make the ratio about 0.02.
        var ratio = Median(unknownTimes) / Median(knownTimes);
        Assert.InRange(ratio, 0.33, 3.0);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<(HttpStatusCode Status, string? Title, string? Detail, int RetryAfterSeconds, TimeSpan Elapsed)> LoginAsync(
        ApiClient client, string email, string password)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.Http.PostAsJsonAsync("/auth/login", new { email, password });
        var elapsed = clock.Elapsed;
        var body = await ApiClient.Json(response);
        var retryAfter = (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1;
        return (response.StatusCode, body["title"]?.GetValue<string>(), body["detail"]?.GetValue<string>(), retryAfter, elapsed);
    }
}
