using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Platform.Hosting;
using Vidsnap.Testing;
using Vidsnap.VideoWorker;
using Xunit.Abstractions;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// The hostile corpus through the whole product: every file ends Failed with a reason its owner can act on,
/// quickly, without ffmpeg following any reference out of the upload, while a good video beside them completes.
/// </summary>
public sealed partial class HostileInputTests(VidsnapAppFixture fixture, ITestOutputHelper output) : IClassFixture<VidsnapAppFixture>
{
    /// <summary>From Processing to Failed: each rejection happens at the probe, before decoding; generous for two shared cores.</summary>
    private static readonly TimeSpan PerFileBound = TimeSpan.FromSeconds(15);

    /// <summary>The whole corpus and the good video, one job at a time.</summary>
    private static readonly TimeSpan CorpusBound = TimeSpan.FromSeconds(90);

    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Every_hostile_file_fails_with_a_plain_reason_in_bounded_time_and_a_good_video_still_completes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var corpus = await HostileFiles.AllAsync(((IPEndPoint)listener.LocalEndpoint).Port);

        // The whole corpus goes in at once, more than one account may have in flight by default (Quotas:VideosInFlight).
        using var app = new VidsnapApp(new Dictionary<string, string> { ["Quotas:VideosInFlight"] = "1000" });
        using var user = await app.SignedInAsync();

        var clock = Stopwatch.StartNew();
        var submitted = new List<(HostileFile File, string Id)>();
        foreach (var file in corpus)
        {
            submitted.Add((file, await user.SubmitAsync(file.Path)));
        }

        var good = await user.SubmitAsync(await TestVideos.PatternAsync(seconds: 3));
        var ends = await Task.WhenAll(submitted.Select(async s =>
        {
            var failed = await user.WaitForStatusAsync(s.Id, "Failed", timeout: CorpusBound);
            return (s.File, Ended: clock.Elapsed, Processing: ProcessingTime(failed), Reason: failed["error"]?.GetValue<string>() ?? "");
        }));
        await user.WaitForStatusAsync(good, "Completed", timeout: CorpusBound);
        var total = clock.Elapsed;

        foreach (var end in ends)
        {
            output.WriteLine($"{end.File.Case,-24} processed in {end.Processing.TotalSeconds,4:0.0} s, failed at {end.Ended.TotalSeconds,5:0.0} s: {end.Reason}");
        }

        output.WriteLine($"all {corpus.Count} failed and the good video completed in {total.TotalSeconds:0.0} s");
        Assert.All(ends, end =>
        {
            AssertPlainReason(end.Reason, end.File.ReasonMentions, end.File.Case);
            Assert.True(end.Processing < PerFileBound, $"{end.File.Case} took {end.Processing} from Processing to Failed");
        });
        Assert.True(total < CorpusBound, $"the corpus took {total}");

        // Nothing followed the http playlist: not even a connection was attempted.
        Assert.False(listener.Pending(), "ffmpeg connected to the playlist's URL");

        // Every job's scratch directory is gone, failed ones included.
        var work = app.Services.GetRequiredService<VidsnapPaths>().Work;
        Assert.Empty(Directory.Exists(work) ? Directory.GetFileSystemEntries(work) : []);
    }

    [Fact]
    public async Task An_empty_file_is_refused_when_the_video_is_created_and_by_the_worker_before_ffprobe()
    {
        using var user = await app.SignedInAsync();
        using var response = await user.Http.PostAsync("/api/videos", new StringContent(
            """{"fileName":"empty.mp4","contentType":"video/mp4","sizeBytes":0}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sizeBytes", (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key));

        // An empty object can still reach the worker (storage replaced behind the api's back): the probe says so plainly.
        var probe = app.Services.GetRequiredService<MediaProbe>();
        var empty = await HostileFiles.EmptyAsync();
        var rejected = await Assert.ThrowsAsync<VideoRejectedException>(() => probe.ProbeAsync(empty, CancellationToken.None));
        AssertPlainReason(rejected.Message, "empty", "empty file");
    }

    /// <summary>The worker's own time on the video, from its history: queueing behind the other uploads left out.</summary>
    private static TimeSpan ProcessingTime(System.Text.Json.Nodes.JsonNode video)
    {
        var history = video["history"]!.AsArray().Select(h => (Status: h!["status"]!.GetValue<string>(), At: h["at"]!.GetValue<DateTimeOffset>())).ToList();
        var started = history.Where(h => h.Status is "Processing").Select(h => h.At).DefaultIfEmpty(history.First(h => h.Status == "Queued").At).Min();
        return history.Last(h => h.Status == "Failed").At - started;
    }

    private static void AssertPlainReason(string reason, string mentions, string name)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason), $"{name}: no reason");
        Assert.Contains(mentions, reason, StringComparison.Ordinal);
        Assert.DoesNotMatch(Internals(), reason);
    }

    /// <summary>Paths, URLs, ffmpeg's log prefixes and .NET's exception text: none belongs in a reason.</summary>
    [GeneratedRegex(@"/tmp/|/etc/|/work/|file:|https?:|@ 0x|\bat Vidsnap\.|Exception|ffprobe|ffmpeg|\[[a-z0-9_,]+ @", RegexOptions.IgnoreCase)]
    private static partial Regex Internals();
}
