using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>
/// The embedded app with the smallest parts the local store takes (64 KiB, any file above them in parts), so the
/// 320x240 test clips go up in several parts, and a gate that counts and holds part uploads.
/// </summary>
public sealed class CliAppFixture : IDisposable
{
    public const int PartBytes = 64 * 1024;

    internal PartGate Parts { get; } = new();

    public VidsnapApp App { get; }

    public CliAppFixture() => App = new VidsnapApp(
        new Dictionary<string, string>
        {
            ["Storage:Local:MultipartThresholdBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
            ["Storage:Local:PartSizeBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
        },
        builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Parts)));

    public void Dispose() => App.Dispose();
}
