using System.Net;
using System.Net.Http.Json;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Registration and sign-in name each wrong field once, with one sentence a person can act on.</summary>
public sealed class AuthValidationTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task A_short_password_at_sign_up_is_one_message_under_one_key()
    {
        using var client = app.Anonymous();
        using var response = await client.Http.PostAsJsonAsync("/auth/register", new { email = $"short-{Guid.NewGuid():N}@example.com", password = "1234567" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ApiClient.Json(response);
        var errors = body["errors"]!.AsObject();
        Assert.Equal(["password"], errors.Select(e => e.Key));
        Assert.Equal("Use at least 8 characters for your password.", Assert.Single(errors["password"]!.AsArray())!.GetValue<string>());
        Assert.Null(body["detail"]);
    }

    [Fact]
    public async Task Sign_in_with_blank_fields_names_each_field_once_and_a_bad_address_at_sign_up_says_what_to_enter()
    {
        using var client = app.Anonymous();
        using var blank = await client.Http.PostAsJsonAsync("/auth/login", new { email = " ", password = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var errors = (await ApiClient.Json(blank))["errors"]!.AsObject();
        Assert.Equal("Enter your email address.", Assert.Single(errors["email"]!.AsArray())!.GetValue<string>());
        Assert.Equal("Enter your password.", Assert.Single(errors["password"]!.AsArray())!.GetValue<string>());

        using var badEmail = await client.Http.PostAsJsonAsync("/auth/register", new { email = "not an email", password = "long enough" });
        var badErrors = (await ApiClient.Json(badEmail))["errors"]!.AsObject();
        Assert.Equal(["email"], badErrors.Select(e => e.Key));
        Assert.Equal("Enter an email address such as name@example.com.", Assert.Single(badErrors["email"]!.AsArray())!.GetValue<string>());
    }
}
