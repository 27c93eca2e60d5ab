using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Testing;

/// <summary>
/// The whole product, all roles in one process, on a real Kestrel port with its own data directory, and a
/// management port of its own beside it.
/// </summary>
public sealed class VidsnapApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> settings;
    private readonly Action<IWebHostBuilder>? configure;

    public VidsnapApp()
        : this([])
    {
    }

    /// <param name="settings">Configuration over the defaults below.</param>
    /// <param name="configure">Anything else the test needs of the host, such as a logger that records.</param>
    public VidsnapApp(Dictionary<string, string> settings, Action<IWebHostBuilder>? configure = null)
    {
        this.configure = configure;
        DataDirectory = Directory.CreateTempSubdirectory("vidsnap-test-").FullName;
        this.settings = new Dictionary<string, string>
        {
            ["Vidsnap:DataDirectory"] = DataDirectory,
            ["Queues:EmbeddedPollMilliseconds"] = "50",
            ["Queues:WaitSeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            this.settings[key] = value;
        }

        // Every test signs in from 127.0.0.1; the rate-limit tests set their own, lower, limit.
        this.settings.TryAdd("Gateway:SignInPermitsPerMinute", "100000");
        var management = HostProcess.FreePort();
        this.settings["Management:Port"] = management.ToString(CultureInfo.InvariantCulture);

        // The factory would replace the app's own listen URLs with one port; both are listed here instead.
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, management);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        StartServer();
        Management = new Uri($"http://127.0.0.1:{management}");
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        ClientOptions.BaseAddress = new Uri(addresses.Single(a => new Uri(a).Port != management));
    }

    /// <summary>The management port: readiness and metrics, which the public port does not serve.</summary>
    public Uri Management { get; }

    /// <summary>A client of the management port, as a probe or scraper is.</summary>
    public HttpClient ManagementClient() => new() { BaseAddress = Management };

    public string DataDirectory { get; }

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public ApiClient Anonymous() => new(CreateClient());

    public async Task<ApiClient> SignedInAsync(string? email = null)
    {
        var client = Anonymous();
        await client.RegisterAndLoginAsync(email ?? $"user-{Guid.NewGuid():N}@example.com", "correct horse battery", MailDirectory);
        return client;
    }

    /// <summary>The keys of every object stored under the prefix.</summary>
    public async Task<List<string>> ListObjectsAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var stored in Services.GetRequiredService<IObjectStore>().ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(stored.Key);
        }

        return keys;
    }

    /// <summary>
    /// Leaves a video Queued on attempt 1 with no job sent, as a lost message would; no transition of a video
    /// does that, so the row is written directly.
    /// </summary>
    public async Task<Video> MarkQueuedWithoutJobAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        await db.Videos().Where(v => v.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Status, VideoStatus.Queued)
            .SetProperty(v => v.Attempt, 1)
            .SetProperty(v => v.Version, Guid.NewGuid()));
        return await db.Videos().AsNoTracking().SingleAsync(v => v.Id == id);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
