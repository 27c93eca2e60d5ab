using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Vidsnap.Testing;
using Xunit.Abstractions;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>
/// Submits N videos at a steady pace while SIGKILLing role processes every few seconds (cycling through the
/// roles, so each is hit in every phase of the run) and restarting each piece of infrastructure once; then
/// checks every acknowledged video: terminal, one zip that opens with all its frames, one email.
/// </summary>
public sealed partial class FaultInjectionRun(IFaultTarget target, int videos, int kills, ITestOutputHelper log)
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SettleFor = TimeSpan.FromMinutes(6);

    public async Task<FaultReport> RunAsync()
    {
        var report = new FaultReport { Mode = target.Mode };
        var clock = Stopwatch.StartNew();
        var bytes = await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 2));
        var users = Enumerable.Range(0, Math.Max(2, videos / 10)).Select(_ => new ResilientClient(target.Gateway, report)).ToList();
        try
        {
            for (var i = 0; i < users.Count; i++)
            {
                await users[i].SignInAsync($"fault-{i}-{Guid.NewGuid():N}@example.com", Password, Path.Combine(target.DataDirectory, "mail"));
            }

            var acknowledged = new ConcurrentDictionary<string, ResilientClient>();
            var pace = KillEvery * kills / videos;
            var submissions = Enumerable.Range(0, videos).Select(async i =>
            {
                await Task.Delay(pace * i);
                var user = users[i % users.Count];
                if (await user.SubmitAsync(bytes, $"clip-{i}.mp4") is { } id)
                {
                    acknowledged[id] = user;
                }
            }).ToList();
            await InjectAsync(report);
            await Task.WhenAll(submissions);
            report.Acknowledged = acknowledged.Count;
            log.WriteLine($"{target.Mode}: {acknowledged.Count} acknowledged after {clock.Elapsed.TotalSeconds:F0} s; checking them");
            await VerifyAsync(acknowledged, report);
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }

        report.Duration = clock.Elapsed;
        return report;
    }

    private async Task InjectAsync(FaultReport report)
    {
        var random = new Random();
        var restarts = target.Restarts.ToList();
        var restartAt = restarts.Select((_, i) => kills * (i + 1) / (restarts.Count + 1)).ToList();
        for (var kill = 0; kill < kills; kill++)
        {
            await Task.Delay(KillEvery / 2 + (KillEvery * random.NextDouble()));
            var role = target.Roles[kill % target.Roles.Count];
            await target.KillAsync(role);
            report.KillsByRole[role] = report.KillsByRole.GetValueOrDefault(role) + 1;
            log.WriteLine($"kill {kill + 1}: {role}");
            for (var r = 0; r < restarts.Count; r++)
            {
                if (restartAt[r] == kill)
                {
                    log.WriteLine($"restarting {restarts[r].Key}");
                    await restarts[r].Value();
                    report.Restarts.Add(restarts[r].Key);
                }
            }
        }
    }

    private async Task VerifyAsync(ConcurrentDictionary<string, ResilientClient> acknowledged, FaultReport report)
    {
        var deadline = DateTime.UtcNow + SettleFor;
        var outcomes = new Dictionary<string, (string Status, int Frames, string? Error)>();
        foreach (var (id, user) in acknowledged)
        {
            while (true)
            {
                var video = await user.GetVideoAsync(id);
                var status = video?["status"]?.GetValue<string>();
                if (status is "Completed" or "Failed")
                {
                    outcomes[id] = (status, video!["frameCount"]?.GetValue<int?>() ?? 0, video["error"]?.GetValue<string>());
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    report.Lost.Add($"{id}: still {status ?? "unreadable"} after the run settled");
                    break;
                }

                await Task.Delay(500);
            }
        }

        report.Completed = outcomes.Count(o => o.Value.Status == "Completed");
        report.Failed = outcomes.Count(o => o.Value.Status == "Failed");
        foreach (var (id, outcome) in outcomes.Where(o => o.Value.Status == "Failed"))
        {
            // Every video here is valid: a failure is the faults' doing, so it counts as lost.
            report.Lost.Add($"{id}: Failed ({outcome.Error})");
        }

        foreach (var (id, outcome) in outcomes.Where(o => o.Value.Status == "Completed"))
        {
            var zip = await acknowledged[id].DownloadZipAsync(id);
            var frames = zip is null ? -1 : FramesIn(zip);
            if (frames != outcome.Frames || frames <= 0)
            {
                report.Lost.Add($"{id}: zip has {frames} frames, the video says {outcome.Frames}");
            }
        }

        // Emails can trail the status (a notifier killed mid-send holds its claim for up to Notifications:ClaimSeconds, 15 s).
        Dictionary<string, int> emails;
        do
        {
            emails = EmailsByVideo(outcomes.Keys);
            if (outcomes.Keys.All(id => emails.GetValueOrDefault(id) > 0))
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                emails = EmailsByVideo(outcomes.Keys);
                break;
            }

            await Task.Delay(1000);
        }
        while (DateTime.UtcNow < deadline);

        var zips = ZipsByVideo();
        foreach (var id in outcomes.Keys)
        {
            var count = emails.GetValueOrDefault(id);
            if (count == 0)
            {
                report.Lost.Add($"{id}: no email");
            }
            else if (count > 1)
            {
                report.DuplicateEmails.Add($"{id}: {count} emails");
            }

            var zipCount = zips.GetValueOrDefault(id);
            if (zipCount > 1)
            {
                report.DuplicateZips.Add($"{id}: {zipCount} zips");
            }
            else if (zipCount == 0 && outcomes[id].Status == "Completed")
            {
                report.Lost.Add($"{id}: Completed but no zip object in the store");
            }
        }
    }

    private static int FramesIn(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip));
            return archive.Entries.Count(e => e.FullName.StartsWith("frame_", StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return -1;
        }
    }

    private Dictionary<string, int> EmailsByVideo(IEnumerable<string> ids)
    {
        var wanted = ids.ToDictionary(id => Guid.Parse(id).ToString("N"), id => id);
        var counts = new Dictionary<string, int>();
        var mail = Path.Combine(target.DataDirectory, "mail");
        foreach (var file in Directory.Exists(mail) ? Directory.GetFiles(mail, "*.eml") : [])
        {
            foreach (var hex in HexId().Matches(File.ReadAllText(file)).Select(m => m.Value).Distinct())
            {
                if (wanted.TryGetValue(hex, out var id))
                {
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Zip objects on disk under each video's prefix, whichever store holds them (files or the S3 server's directory).</summary>
    private Dictionary<string, int> ZipsByVideo()
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.EnumerateFiles(target.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (!(name.EndsWith(".zip", StringComparison.Ordinal) || name.EndsWith(".zip._S3rver_object", StringComparison.Ordinal)))
            {
                continue;
            }

            var match = VideoPrefix().Match(file.Replace('\\', '/'));
            if (match.Success)
            {
                var id = Guid.ParseExact(match.Groups[1].Value, "N").ToString();
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return counts;
    }

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex HexId();

    [GeneratedRegex("/videos/([0-9a-f]{32})/")]
    private static partial Regex VideoPrefix();
}
