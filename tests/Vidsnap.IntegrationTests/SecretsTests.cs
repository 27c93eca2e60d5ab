using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The real binary with its shipped logging settings: what it writes and answers must not carry secrets or internals.</summary>
public sealed class SecretsTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("vidsnap-secrets-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    [Fact]
    public async Task Logs_hold_no_password_token_or_url_signature_and_errors_hold_no_stack_trace()
    {
        const string password = "a very secret passphrase 42";
        var port = HostProcess.FreePort();
        using var host = await HostProcess.StartAsync(port, new Dictionary<string, string> { ["Vidsnap:DataDirectory"] = dataDirectory });
        using var user = new ApiClient(new HttpClient { BaseAddress = host.Address });
        await user.RegisterAndLoginAsync("secrets@example.com", password);
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 2));
        var created = await user.CreateVideoAsync("secret.mp4", bytes.Length);
        (await user.UploadAsync(created, bytes)).Dispose();
        var id = created["id"]!.GetValue<string>();
        (await user.CompleteAsync(id)).Dispose();
        await user.WaitForStatusAsync(id, "Completed");
        var download = await ApiClient.Json(await user.Http.GetAsync($"/api/videos/{id}/download"));
        (await user.Http.PostAsync("/auth/refresh", new StringContent($"{{\"refreshToken\":\"{user.RefreshToken}\"}}", Encoding.UTF8, "application/json"))).Dispose();

        // Requests that go wrong in different ways: none may answer with internals.
        var errors = new List<HttpResponseMessage>
        {
            await user.Http.PostAsync("/api/videos", new StringContent("{not json", Encoding.UTF8, "application/json")),
            await user.Http.PostAsync("/api/videos", new StringContent("{\"sizeBytes\": 1e999}", Encoding.UTF8, "application/json")),
            await user.Http.PostAsync("/auth/login", new StringContent("[]", Encoding.UTF8, "application/json")),
            await user.Http.GetAsync("/api/videos/not-a-guid"),
            await user.Http.GetAsync("/api/videos?cursor=%00%01garbage"),
            await user.Http.GetAsync("/storage/upload/users/../../etc/passwd"),
        };
        foreach (var response in errors)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage!.RequestUri}: {response.StatusCode} {body}");
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            response.Dispose();
        }

        await Task.Delay(500);
        var logs = host.Output;
        Assert.NotEmpty(logs);
        var secrets = new Dictionary<string, string>
        {
            ["password"] = password,
            ["access token"] = user.Http.DefaultRequestHeaders.Authorization!.Parameter!,
            ["refresh token"] = user.RefreshToken!,
            ["upload signature"] = Signature(created["upload"]!["url"]!.GetValue<string>()),
            ["download signature"] = Signature(download["url"]!.GetValue<string>()),
        };
        foreach (var (what, secret) in secrets)
        {
            Assert.True(secret.Length >= 16, $"{what} is too short to be a meaningful probe");
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"The logs contain the {what}");
        }
    }

    private static string Signature(string url)
    {
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), url).Query);
        return query.TryGetValue("signature", out var value) ? value.ToString() : query["X-Amz-Signature"].ToString();
    }
}
