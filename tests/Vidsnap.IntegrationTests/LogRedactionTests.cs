using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>Signed URLs are bearer credentials: their signatures must not reach the logs, at any log level.</summary>
public sealed class LogRedactionTests
{
    [Fact]
    public async Task No_url_signature_is_logged_even_at_trace_level_and_job_logs_carry_the_video_and_trace_ids()
    {
        var logs = new RecordingLoggerProvider();
        using var app = new VidsnapApp(
            new Dictionary<string, string>
            {
                // Every category as verbose as it goes (appsettings.json quiets some by name).
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            },
            builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var user = await app.SignedInAsync();
        var created = await user.CreateVideoAsync("clip.mp4", (await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 2))).Length);
        var signature = System.Web.HttpUtility.ParseQueryString(new Uri(created["upload"]!["url"]!.GetValue<string>()).Query)["signature"];
        Assert.False(string.IsNullOrEmpty(signature));
        using (var upload = await user.UploadAsync(created, await File.ReadAllBytesAsync(await TestVideos.PatternAsync(seconds: 2))))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        var id = created["id"]!.GetValue<string>();
        (await user.CompleteAsync(id)).Dispose();
        await user.WaitForStatusAsync(id, "Completed");
        var download = new Uri((await ApiClient.Json(await user.Http.GetAsync($"/api/videos/{id}/download")))["url"]!.GetValue<string>());
        using (var zip = await user.Http.GetAsync(download))
        {
            Assert.True(zip.IsSuccessStatusCode);
        }

        var downloadSignature = System.Web.HttpUtility.ParseQueryString(download.Query)["signature"]!;
        var entries = logs.Entries;
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Text.Contains(signature!, StringComparison.Ordinal) || e.Text.Contains(downloadSignature, StringComparison.Ordinal));

        // The worker's lines about this video are in a scope naming it and its trace.
        Assert.Contains(entries, e => e.Category.StartsWith("Vidsnap.VideoWorker", StringComparison.Ordinal)
            && e.Scopes.Contains($"VideoId:{id}", StringComparison.OrdinalIgnoreCase) && e.Scopes.Contains("TraceId:", StringComparison.Ordinal));
    }

    private sealed record Entry(string Category, string Text, string Scopes);

    private sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly List<Entry> entries = [];
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopeText = new System.Text.StringBuilder();
                owner.scopes.ForEachScope((scope, text) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            text.Append(key).Append(':').Append(value).Append(' ');
                        }
                    }
                    else
                    {
                        text.Append(scope).Append(' ');
                    }
                }, scopeText);
                lock (owner.entries)
                {
                    owner.entries.Add(new Entry(category, formatter(state, exception) + " " + exception, scopeText.ToString()));
                }
            }
        }
    }
}
