using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Vidsnap.Client;
using Vidsnap.Client.Models;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>
/// Vidsnap.Client is written by hand: every call it makes is held against /openapi/v1.json, and every answer must
/// read into its own records, so a route renamed or a field changed on the server fails here, not at a user's.
/// </summary>
public sealed class ClientContractTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    /// <summary>Notes each request the client sends to the server's own routes (pre-signed storage URLs aside).</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        public ConcurrentBag<(string Method, string Path)> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (!path.StartsWith("/storage/", StringComparison.Ordinal))
            {
                Calls.Add((request.Method.Method, path));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Every_call_the_client_makes_is_an_operation_of_the_document_and_its_answers_read()
    {
        using var person = await app.SignedInAsync();
        using var recorder = new RecordingHandler();
        using var client = new VidsnapClient(new VidsnapClientOptions { BaseAddress = app.ClientOptions.BaseAddress, Handler = recorder });
        await client.LoginAsync(person.Email!, "correct horse battery");

        var file = await TestVideos.PatternAsync(seconds: 3);
        var created = await client.CreateVideoAsync(
            new CreateVideoRequest(Path.GetFileName(file), "video/mp4", new FileInfo(file).Length, new FrameOptions { IntervalSeconds = 1 }), idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(VideoStatus.AwaitingUpload, created.Status);
        var resumed = await client.GetUploadProgressAsync(created.Id);
        Assert.Equal(0, resumed.UploadedBytes);
        var parts = await client.UploadFileAsync(created.Upload, file);
        await client.CompleteUploadWithPartsAsync(created.Id, parts);
        var done = await client.WaitForVideoAsync(created.Id);
        Assert.Equal(VideoStatus.Completed, done.Status);
        Assert.Equal(3, (await client.GetVideoAsync(created.Id)).FrameCount);
        Assert.Contains((await client.ListVideosAsync(limit: 5)).Items, v => v.Id == created.Id);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("client-contract-").FullName, "frames.zip");
        await client.DownloadAsync(created.Id, zip);
        Assert.True(new FileInfo(zip).Length > 0);

        var key = await client.CreateApiKeyAsync("contract", ["videos:read"]);
        Assert.Contains(await client.ListApiKeysAsync(), k => k.Id == key.Id);
        await client.RevokeApiKeyAsync(key.Id);
        await using (var receiver = await WebhookReceiver.StartAsync())
        {
            var webhook = await client.AddWebhookAsync(receiver.Url.ToString(), ["video.completed"]);
            Assert.Contains(await client.ListWebhooksAsync(), w => w.Id == webhook.Id);
            await client.ListWebhookDeliveriesAsync(webhook.Id);
            await client.RemoveWebhookAsync(webhook.Id);
        }

        await client.DeleteVideoAsync(created.Id);
        await client.RefreshAsync();
        await client.LogoutAsync();

        var (document, _) = await ApiDocumentContract.ReadAsync(person.Http);
        var operations = document.Paths!.SelectMany(p => p.Value.Operations!.Keys.Select(m => (Method: m.Method, Pattern: Pattern(p.Key), Path: p.Key))).ToList();
        var calls = recorder.Calls.Distinct().ToList();
        Assert.True(calls.Count >= 15, string.Join(", ", calls));
        Assert.All(calls, call => Assert.True(
            operations.Any(o => o.Method == call.Method && o.Pattern.IsMatch(call.Path)),
            $"{call.Method} {call.Path} is not an operation of the document"));
    }

    /// <summary>A document path such as /api/videos/{id} as a pattern of the paths it stands for.</summary>
    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant);
}
