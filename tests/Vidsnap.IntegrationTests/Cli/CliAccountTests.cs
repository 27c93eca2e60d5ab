using System.Net;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>The built vidsnap-cli's keys, webhooks, listing and signature check against the embedded app.</summary>
public sealed class CliAccountTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>, IDisposable
{
    private readonly VidsnapApp app = fixture.App;
    private readonly string configHome = Directory.CreateTempSubdirectory("vidsnap-cli-config-").FullName;
    private readonly string work = Directory.CreateTempSubdirectory("vidsnap-cli-work-").FullName;

    private Uri Server => app.ClientOptions.BaseAddress;

    public void Dispose()
    {
        Directory.Delete(configHome, recursive: true);
        Directory.Delete(work, recursive: true);
    }

    private async Task<CliResult> RunOkAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(configHome, Server, arguments);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', arguments)}: {result}");
        return result;
    }

    private static string[] Lines(CliResult result) => result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Keys_are_made_used_listed_and_revoked_and_a_webhook_delivery_verifies_only_untampered()
    {
        using var user = await app.SignedInAsync();
        await RunOkAsync("login", "--email", user.Email!, "--password", "correct horse battery");

        var created = Lines(await RunOkAsync("keys", "create", "--name", "ci", "--scope", "videos:read", "--scope", "videos:write"));
        var keyId = created[0].Split('\t')[0];
        var secret = created[1];
        Assert.StartsWith("vsk_", secret, StringComparison.Ordinal);
        Assert.Contains(keyId, (await RunOkAsync("keys", "list")).Stdout, StringComparison.Ordinal);

        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = Lines(await RunOkAsync("webhooks", "add", receiver.Url.ToString(), "--event", "video.completed"));
        var webhookId = webhook[0].Split('\t')[0];
        var signingSecret = webhook[1];
        Assert.Contains(webhookId, (await RunOkAsync("webhooks", "list")).Stdout, StringComparison.Ordinal);

        // The key alone uploads and follows a video; the listing shows it.
        var keyOnly = new Dictionary<string, string> { ["VIDSNAP_API_KEY"] = secret };
        var uploaded = await CliProcess.RunAsync(configHome, Server, keyOnly, "upload", await TestVideos.PatternAsync(seconds: 3), "--wait", "--json");
        Assert.True(uploaded.ExitCode == 0, uploaded.ToString());
        var videoId = JsonNode.Parse(uploaded.Stdout.Trim())!["id"]!.GetValue<string>();
        Assert.Contains(videoId, (await CliProcess.RunAsync(configHome, Server, keyOnly, "list")).Stdout, StringComparison.Ordinal);

        var delivery = await receiver.WaitForAsync(r => r.Body.Contains(videoId, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var payload = Path.Combine(work, "payload.json");
        await File.WriteAllTextAsync(payload, delivery.Body);
        var valid = await CliProcess.RunAsync(configHome, Server, "verify-webhook", "--secret", signingSecret, "--file", payload,
            "--id", delivery.Id, "--timestamp", delivery.Timestamp, "--signature", delivery.Signature);
        Assert.True(valid.ExitCode == 0 && valid.Stdout.StartsWith("valid", StringComparison.Ordinal), valid.ToString());
        await File.WriteAllTextAsync(payload, delivery.Body.Replace("Completed", "Failed", StringComparison.Ordinal));
        var tampered = await CliProcess.RunAsync(configHome, Server, "verify-webhook", "--secret", signingSecret, "--file", payload,
            "--id", delivery.Id, "--timestamp", delivery.Timestamp, "--signature", delivery.Signature);
        Assert.True(tampered.ExitCode == 1, tampered.ToString());
        await Eventually.TrueAsync(async () => (await CliProcess.RunAsync(configHome, Server, "webhooks", "deliveries", webhookId)).Stdout.Contains(videoId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the delivery is not in the log");

        await RunOkAsync("webhooks", "remove", webhookId);
        Assert.DoesNotContain(webhookId, (await RunOkAsync("webhooks", "list")).Stdout, StringComparison.Ordinal);
        await RunOkAsync("keys", "revoke", keyId);
        await Eventually.TrueAsync(async () => (await CliProcess.RunAsync(configHome, Server, keyOnly, "list")).ExitCode == 3, TimeSpan.FromSeconds(15), "the revoked key still works");

        // Deleting through the CLI: the video is gone for the API too.
        await RunOkAsync("delete", videoId);
        using var gone = await user.Http.GetAsync(new Uri($"/api/videos/{videoId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        await RunOkAsync("logout");
        var signedOut = await CliProcess.RunAsync(configHome, Server, "list");
        Assert.True(signedOut.ExitCode == 3, signedOut.ToString());
    }
}
