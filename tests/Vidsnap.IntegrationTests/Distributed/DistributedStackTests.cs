using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Vidsnap.Testing;
using Xunit.Abstractions;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>The production shape, started by `./run.sh distributed`, driven through the gateway only.</summary>
[Collection(DistributedStackCollection.Name)]
public sealed class DistributedStackTests(DistributedStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Runs_one_process_per_role_and_takes_a_video_from_s3_upload_to_zip_and_one_email()
    {
        var roles = stack.RoleProcesses();
        Assert.Equal(["api", "auth", "gateway", "notifier", "status-worker", "video-worker"], roles.Keys.Order(StringComparer.Ordinal));
        Assert.All(roles.Values, pids => Assert.Single(pids));

        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync("dist@example.com", "correct horse battery", stack.MailDirectory);
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 10));
        var created = await user.CreateVideoAsync("clip.mp4", bytes.Length, new { mode = "interval", intervalSeconds = 2 });
        var uploadUrl = new Uri(created["upload"]!["url"]!.GetValue<string>());
        Assert.NotEqual(stack.Gateway.Port, uploadUrl.Port);
        Assert.Contains("X-Amz-Signature=", uploadUrl.Query, StringComparison.Ordinal);

        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        var id = created["id"]!.GetValue<string>();
        using (var complete = await user.CompleteAsync(id))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, complete.StatusCode);
        }

        var done = await user.WaitForStatusAsync(id, "Completed");
        Assert.Equal(5, done["frameCount"]!.GetValue<int>());
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));

        // Each frame, its thumbnail and the poster at list size are objects of their own in S3, signed by the api.
        var frames = await ApiClient.Json(await user.Http.GetAsync($"/api/videos/{id}/frames?offset=1&limit=2"));
        Assert.Equal(5, frames["total"]!.GetValue<int>());
        var frame = frames["frames"]![0]!;
        Assert.Equal(1, frame["index"]!.GetValue<int>());
        using var anonymous = new HttpClient();
        using (var full = await anonymous.GetAsync(frame["url"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal(frame["file"]!.GetValue<string>(), full.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var entry = zip.GetEntry(frame["file"]!.GetValue<string>())!;
            Assert.Equal(entry.Length, (await full.Content.ReadAsByteArrayAsync()).Length);
        }

        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, (await anonymous.GetByteArrayAsync(frame["thumbnailUrl"]!.GetValue<string>()))[..3]);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, (await anonymous.GetByteArrayAsync(done["posterUrl"]!.GetValue<string>()))[..3]);
        await WaitForSingleEmailAsync(id);

        // The notifier process read the poster thumbnail from S3 and sent it inside the email, over SMTP.
        var email = await MimeKit.MimeMessage.LoadAsync(stack.EmailsAbout(id).Single());
        Assert.Contains("cid:poster@vidsnap", email.HtmlBody, StringComparison.Ordinal);
        Assert.Single(email.BodyParts.OfType<MimeKit.MimePart>(), p => p.ContentId == "poster@vidsnap" && p.ContentType.MimeType == "image/jpeg");
    }

    /// <summary>
    /// Another system's view: only an API key, through the gateway, a webhook from the notifier process signed as
    /// the standard says, the zip it links; then the key revoked at the auth role stops working at the gateway
    /// and the api within 5 s.
    /// </summary>
    [Fact]
    public async Task A_system_holding_only_an_api_key_gets_a_signed_webhook_and_the_zip_and_loses_access_when_revoked()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await person.RegisterAndLoginAsync($"system-{Guid.NewGuid():N}@example.com", "correct horse battery", stack.MailDirectory);
        using var created = await person.Http.PostAsJsonAsync("/api/keys", new { name = "partner", scopes = new[] { "videos:read", "videos:write", "webhooks:manage" } });
        var key = await ApiClient.Json(created);
        using var system = person.WithApiKey(key["secret"]!.GetValue<string>());
        using var readOnly = person.WithApiKey(await person.CreateApiKeyAsync("videos:read"));
        var secret = await WebhookTests.RegisterAsync(system, receiver.Url, "video.completed");

        var id = await system.SubmitAsync(await TestVideos.PatternAsync(seconds: 4));

        var completed = await receiver.WaitForAsync(r => r.Body.Contains(id, StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.True(WebhookSignature.IsValid(secret, completed), "the signature does not verify");
        Assert.Equal("Completed", JsonNode.Parse(completed.Body)!["data"]!["status"]!.GetValue<string>());
        using var zip = new ZipArchive(new MemoryStream(await system.DownloadZipAsync(id)));
        Assert.Equal(4, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        using var refused = await readOnly.Http.PostAsJsonAsync("/api/videos", new { fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("videos:write", (await ApiClient.Json(refused))["missingScope"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await person.Http.DeleteAsync($"/api/keys/{key["id"]}")).StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await system.Http.GetAsync($"/api/videos/{id}")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5.5), "the revoked key still works after 5 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_video_worker_killed_with_sigkill_mid_job_is_restarted_and_the_video_completes_once()
    {
        var video = await TestVideos.PatternAsync(seconds: 120, width: 640, height: 360, rate: 30);
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync($"kill-{Guid.NewGuid():N}@example.com", "correct horse battery", stack.MailDirectory);
        var id = await user.SubmitAsync(video, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 2000 });
        await user.WaitForStatusAsync(id, "Processing", TimeSpan.FromSeconds(60), v => v["progress"]!.GetValue<int>() is > 0 and < 90);

        var worker = stack.RoleProcesses()["video-worker"].Single();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", worker.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var done = await user.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(180));
        Assert.Equal(1200, done["frameCount"]!.GetValue<int>());
        Assert.Single(done["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "Completed");
        Assert.NotEqual(worker, stack.RoleProcesses()["video-worker"].Single());
        using var zip = new ZipArchive(new MemoryStream(await user.DownloadZipAsync(id)));
        Assert.Equal(1200, zip.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal)));
        await WaitForSingleEmailAsync(id);
    }

    [Fact]
    public async Task One_video_is_one_trace_from_the_http_request_through_every_queue_hop_to_the_email()
    {
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync($"trace-{Guid.NewGuid():N}@example.com", "correct horse battery", stack.MailDirectory);
        var id = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 2), new { mode = "interval", intervalSeconds = 1 });
        await user.WaitForStatusAsync(id, "Completed");
        await WaitForSingleEmailAsync(id);

        // Each hop, by the process (service) that made it; every one must be in the trace of the "complete" request.
        var complete = $"/api/videos/{id}/complete";
        // Outbox rows are published by whichever process's relay claims them first: the api's, the auth service's
        // and the status worker's relays share one outbox table, so those sends may come from any of them.
        const string OutboxRelays = "vidsnap-api or vidsnap-auth or vidsnap-status-worker";
        (string Service, Func<ReceivedSpan, bool> Is)[] hops =
        [
            ("vidsnap-gateway", s => s.Kind == ReceivedSpan.Server && s.Attributes.GetValueOrDefault("url.path") == complete),
            ("vidsnap-api", s => s.Kind == ReceivedSpan.Server && s.Attributes.GetValueOrDefault("url.path") == complete),
            (OutboxRelays, s => s.Kind == ReceivedSpan.Producer && s.Name == "video-jobs send"),
            ("vidsnap-video-worker", s => s.Kind == ReceivedSpan.Consumer && s.Name == "video-jobs process" && s.Attributes.GetValueOrDefault("vidsnap.video.id") == id),
            ("vidsnap-video-worker", s => s.Kind == ReceivedSpan.Producer && s.Name == "status-events send"),
            ("vidsnap-status-worker", s => s.Kind == ReceivedSpan.Consumer && s.Name == "status-events process"),
            (OutboxRelays, s => s.Kind == ReceivedSpan.Producer && s.Name == "notifications send"),
            ("vidsnap-notifier", s => s.Kind == ReceivedSpan.Consumer && s.Name == "notifications process"),
            ("vidsnap-notifier", s => s.Name == "email send" && s.Attributes.GetValueOrDefault("vidsnap.video.id") == id),
        ];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var spans = stack.Telemetry.Spans;
            var root = spans.FirstOrDefault(s => s.Service == "vidsnap-api" && s.Kind == ReceivedSpan.Server && s.Attributes.GetValueOrDefault("url.path") == complete);
            var trace = root is null ? [] : spans.Where(s => s.TraceId == root.TraceId).ToList();
            var missing = hops.Where(h => !trace.Any(s => h.Service.Split(" or ").Contains(s.Service) && h.Is(s))).Select(h => h.Service).ToList();
            if (missing.Count == 0)
            {
                // Linked, not only tagged: every consumer span is the child of a span of the same trace.
                var ids = trace.Select(s => s.SpanId).ToHashSet();
                Assert.All(trace.Where(s => s.Kind == ReceivedSpan.Consumer), s => Assert.Contains(s.ParentSpanId, ids));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Trace {root?.TraceId ?? "(no api span yet)"} lacks hops in {string.Join(", ", missing)}; it has:\n"
                + string.Join('\n', trace.Select(s => $"{s.Service} {s.Kind} {s.Name}")));
            await Task.Delay(500);
        }

        // Pre-signed URLs carry their signature in the query; none may reach the exported telemetry.
        Assert.DoesNotContain(stack.Telemetry.Spans, s => s.Attributes.Values.Any(v => v.Contains("Signature=", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Through_the_gateway_a_videos_event_stream_shows_its_progress_and_completed_each_within_a_second_and_resumes()
    {
        using var user = new ApiClient(new HttpClient { BaseAddress = stack.Gateway });
        await user.RegisterAndLoginAsync($"events-{Guid.NewGuid():N}@example.com", "correct horse battery", stack.MailDirectory);

        // A first video makes each role run its code once: the first run's compiling (JIT, EF queries) happens in
        // the status worker before it saves, which is not what this test measures.
        await user.WaitForStatusAsync(await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 2)), "Completed");
        // Long enough that its processing spans several of the worker's once-a-second progress reports on a fast machine too.
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 80, width: 640, height: 360));
        var created = await user.CreateVideoAsync("live.mp4", bytes.Length, new { mode = "interval", intervalSeconds = 0.1, maxFrames = 1000 });
        var id = created["id"]!.GetValue<string>();

        // The first event is the current state: it arrives while the response is still open, so nothing buffers it.
        await using var stream = await user.OpenEventsAsync(id);
        Assert.Equal(System.Net.HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("AwaitingUpload", (await stream.NextAsync(TimeSpan.FromSeconds(5))).Status);
        using (var upload = await user.UploadAsync(created, bytes))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        using (await user.CompleteAsync(id))
        {
        }

        var events = await stream.ReadUntilAsync(e => e.Status is "Completed" or "Failed", TimeSpan.FromSeconds(180));
        Assert.True(events[^1].Status == "Completed", EventStream.Describe(events));
        Assert.Equal(800, events[^1].Json["frameCount"]!.GetValue<int>());
        Assert.Contains(events, e => e.Status == "Queued");
        var progress = events.Where(e => e.Status == "Processing" && e.Progress is > 0 and < 100).ToList();
        Assert.True(progress.Count >= 2, EventStream.Describe(events));

        // The status worker saves each change in its own process; the api's feed finds it and the gateway passes it on.
        var lag = events.Select(e => e.ReceivedAt - e.ChangedAt!.Value).ToList();
        output.WriteLine($"Lag per event (ms): {string.Join(", ", lag.Select(l => (int)l.TotalMilliseconds))}");
        Assert.True(lag.All(l => l < TimeSpan.FromSeconds(1)), $"Lag per event (ms): {string.Join(", ", lag.Select(l => (int)l.TotalMilliseconds))}");

        // Resuming through the gateway from the first progress event gives everything after it. An id is where a
        // client may resume, and may stay below a change that is not committed yet, so some may come again.
        var from = progress[0];
        await using var resumed = await user.OpenEventsAsync(id, from.Id);
        var after = (await resumed.ReadUntilAsync(e => e.Status == "Completed")).Select(e => (e.Status, e.Progress)).ToList();
        Assert.All(events.SkipWhile(e => e != from).Skip(1), e => Assert.Contains((e.Status, e.Progress), after));
    }

    [Fact]
    public async Task The_gateway_serves_the_same_complete_document_as_one_process_merged_from_the_roles_own_documents()
    {
        using var gateway = new HttpClient { BaseAddress = stack.Gateway };
        var (merged, diagnostic) = await ApiDocumentContract.ReadAsync(gateway);
        Assert.Empty(diagnostic.Errors);
        Assert.Empty(merged.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        // The same binary in one process describes every route by itself: the distributed gateway must match it,
        // path by path and schema by schema, although auth and api answer from their own processes.
        using var embedded = new VidsnapApp();
        using var client = embedded.Anonymous();
        var (single, _) = await ApiDocumentContract.ReadAsync(client.Http);
        Assert.Equal(single.Paths.Keys.Order(StringComparer.Ordinal), merged.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.All(single.Paths, p => Assert.Equal(Written(p.Value), Written(merged.Paths[p.Key])));
        Assert.Equal(single.Components!.Schemas!.Keys.Order(StringComparer.Ordinal), merged.Components!.Schemas!.Keys.Order(StringComparer.Ordinal));
        Assert.All(single.Components.Schemas, s => Assert.Equal(Written(s.Value), Written(merged.Components.Schemas[s.Key])));
        Assert.Equal(single.Components.SecuritySchemes!.Keys.Order(StringComparer.Ordinal), merged.Components.SecuritySchemes!.Keys.Order(StringComparer.Ordinal));
        var gaps = ApiDocumentContract.Gaps(ApiDocumentContract.RoutesOf(embedded.Services.GetRequiredService<EndpointDataSource>()), merged);
        Assert.True(gaps.Count == 0, string.Join('\n', gaps));
    }

    private static string Written(IOpenApiSerializable element)
    {
        using var text = new StringWriter();
        element.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private async Task WaitForSingleEmailAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!stack.EmailsAbout(id).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, $"No email about {id}:\n{stack.Output}");
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(stack.EmailsAbout(id));
    }
}
