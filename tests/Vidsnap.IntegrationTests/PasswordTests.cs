using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Changing and resetting a password, and signing out everywhere: each ends the sessions the old password may have opened.</summary>
public sealed partial class PasswordTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private const string Password = "correct horse battery";
    private const string NewPassword = "new horse battery staple";
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Changing_the_password_keeps_this_session_ends_the_others_and_only_the_new_password_signs_in()
    {
        using var person = await app.SignedInAsync();
        using var otherBrowser = app.Anonymous();
        var other = await LoginAsync(otherBrowser, person.Email!, Password);
        Assert.Equal(2, await SessionsAsync(person));

        using (var changed = await person.Http.PostAsJsonAsync("/auth/password", new { currentPassword = Password, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshStatusAsync(other!));
        Assert.Equal(HttpStatusCode.OK, await RefreshStatusAsync(person.RefreshToken!));
        Assert.Equal(1, await SessionsAsync(person));
        using var newBrowser = app.Anonymous();
        Assert.Null(await LoginAsync(newBrowser, person.Email!, Password));
        Assert.NotNull(await LoginAsync(newBrowser, person.Email!, NewPassword));

        var notice = await File.ReadAllTextAsync(await Eventually.SingleFileAsync(app.MailDirectory, $"password-changed-{await UserIdAsync(person):N}-*.eml"));
        Assert.Contains($"To: {person.Email}", notice, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Your Vidsnap password was changed", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_new_password_is_a_field_message_and_wrong_current_passwords_lock_sign_in_like_failed_sign_ins()
    {
        using var person = await app.SignedInAsync();
        using (var weak = await person.Http.PostAsJsonAsync("/auth/password", new { currentPassword = Password, newPassword = "short" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("at least 8 characters", (await ApiClient.Json(weak))["errors"]!["newPassword"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await person.Http.PostAsJsonAsync("/auth/password", new { currentPassword = $"guess {attempt}", newPassword = NewPassword });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("That is not your current password.", (await ApiClient.Json(wrong))["errors"]!["currentPassword"]![0]!.GetValue<string>());
        }

        // The same counter as this browser's sign-ins: both are paused now, even with the right password.
        using (var locked = await person.Http.PostAsJsonAsync("/auth/password", new { currentPassword = Password, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.NotNull(locked.Headers.RetryAfter);
        }

        using var signIn = await person.Http.PostAsJsonAsync("/auth/login", new { email = person.Email, password = Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
    }

    [Fact]
    public async Task A_reset_by_the_emailed_code_sets_the_password_ends_every_session_clears_the_lockout_and_works_once()
    {
        using var person = await app.SignedInAsync();
        using var stranger = app.Anonymous();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await stranger.Http.PostAsJsonAsync("/auth/login", new { email = person.Email, password = $"guess {i}" });
            Assert.NotEqual(HttpStatusCode.OK, guess.StatusCode);
        }

        using var newBrowser = app.Anonymous();
        using (var locked = await newBrowser.Http.PostAsJsonAsync("/auth/login", new { email = person.Email, password = Password }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        // The same answer for an address with no account, and nothing is mailed to it.
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com";
        using var asked = await newBrowser.Http.PostAsJsonAsync("/auth/password-reset", new { email = person.Email!.ToUpperInvariant() });
        using var askedForNobody = await stranger.Http.PostAsJsonAsync("/auth/password-reset", new { email = nobody });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, askedForNobody.StatusCode);
        Assert.Equal(await asked.Content.ReadAsStringAsync(), await askedForNobody.Content.ReadAsStringAsync());

        using (var blank = await stranger.Http.PostAsJsonAsync("/auth/password-reset", new { email = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Equal("Enter your email address.", (await ApiClient.Json(blank))["errors"]!["email"]![0]!.GetValue<string>());
        }

        var (code, link) = await ResetEmailAsync(person);
        Assert.EndsWith($"/#/reset?code={code}", link, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(app.MailDirectory, "*.eml"), f => File.ReadAllText(f).Contains(nobody, StringComparison.OrdinalIgnoreCase));

        using (var wrong = await newBrowser.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code = "not-the-code-at-all", newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("Invalid reset code", (await ApiClient.Json(wrong))["title"]!.GetValue<string>());
        }

        // A weak password does not use the code up.
        using (var weak = await newBrowser.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code, newPassword = "short" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.NotNull((await ApiClient.Json(weak))["errors"]!["newPassword"]);
        }

        using (var confirmed = await newBrowser.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Equal(person.Email, (await ApiClient.Json(confirmed))["email"]!.GetValue<string>());
        }

        using (var again = await stranger.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code, newPassword = "someone else's password" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshStatusAsync(person.RefreshToken!));
        Assert.Null(await LoginAsync(newBrowser, person.Email!, Password));
        Assert.NotNull(await LoginAsync(newBrowser, person.Email!, NewPassword));
    }

    [Fact]
    public async Task An_unverified_address_gets_its_reset_code_and_an_address_code_never_resets()
    {
        using var person = app.Anonymous();
        await person.RegisterAndLoginAsync($"unverified-reset-{Guid.NewGuid():N}@example.com", Password);
        var verificationCode = await VerificationEmails.WaitForCodeAsync(app.MailDirectory, person.Email!);

        using (var withAddressCode = await person.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code = verificationCode, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withAddressCode.StatusCode);
        }

        using (var asked = await person.Http.PostAsJsonAsync("/auth/password-reset", new { email = person.Email }))
        {
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        var (code, _) = await ResetEmailAsync(person);
        using (var asVerification = await person.Http.PostAsJsonAsync("/auth/verify-email", new { code }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, asVerification.StatusCode);
        }

        using (var confirmed = await person.Http.PostAsJsonAsync("/auth/password-reset/confirm", new { code, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        // Only the mailbox's owner could have read the code: the address counts as verified.
        Assert.NotNull(await LoginAsync(person, person.Email!, NewPassword, keep: true));
        using var me = await person.Http.GetAsync("/api/me");
        Assert.True((await ApiClient.Json(me))["emailVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_this_one_too_and_clears_the_cookie()
    {
        using var person = await app.SignedInAsync();
        using var otherBrowser = app.Anonymous();
        var other = await LoginAsync(otherBrowser, person.Email!, Password);
        Assert.Equal(2, await SessionsAsync(person));

        using (var ended = await person.Http.PostAsync("/auth/sign-out-everywhere", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
            Assert.Contains(ended.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vidsnap_refresh=;", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshStatusAsync(person.RefreshToken!));
        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshStatusAsync(other!));
        Assert.Equal(0, await SessionsAsync(person));
    }

    /// <summary>Signs in; answers the refresh token, or null when the password is refused. With keep, the client goes on with the new access token.</summary>
    private static async Task<string?> LoginAsync(ApiClient client, string email, string password, bool keep = false)
    {
        using var response = await client.Http.PostAsJsonAsync("/auth/login", new { email, password });
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        var body = await ApiClient.Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        if (keep)
        {
            client.UseToken(body["accessToken"]!.GetValue<string>());
        }

        return body["refreshToken"]!.GetValue<string>();
    }

    private async Task<HttpStatusCode> RefreshStatusAsync(string refreshToken)
    {
        using var client = app.Anonymous();
        using var response = await client.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken });
        return response.StatusCode;
    }

    private static async Task<int> SessionsAsync(ApiClient person)
    {
        using var response = await person.Http.GetAsync("/api/me");
        var body = await ApiClient.Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["sessions"]!.GetValue<int>();
    }

    private static async Task<Guid> UserIdAsync(ApiClient person)
    {
        using var response = await person.Http.GetAsync("/api/me");
        return Guid.Parse((await ApiClient.Json(response))["id"]!.GetValue<string>());
    }

    /// <summary>The code and link of the one reset email sent to the person, read as a person would.</summary>
    private async Task<(string Code, string Link)> ResetEmailAsync(ApiClient person)
    {
        var text = await File.ReadAllTextAsync(await Eventually.SingleFileAsync(app.MailDirectory, $"password-reset-{await UserIdAsync(person):N}-*.eml"));
        Assert.Contains($"To: {person.Email}", text, StringComparison.OrdinalIgnoreCase);
        return (Code().Match(text).Groups[1].Value, Link().Match(text).Value);
    }

    [GeneratedRegex(@"this code: ([A-Za-z0-9_-]{10,})")]
    private static partial Regex Code();

    [GeneratedRegex(@"https?://\S+/#/reset\?code=[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
