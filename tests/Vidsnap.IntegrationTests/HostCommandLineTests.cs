using System.Net;
using System.Net.Sockets;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The binary as a newcomer meets it: asking for help, and a port another program holds.</summary>
public sealed class HostCommandLineTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_exits_without_starting_anything(string flag)
    {
        var port = HostProcess.FreePort();
        var (exitCode, output) = await HostProcess.RunToExitAsync([flag, "--urls", $"http://127.0.0.1:{port}"], Quick);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("video-worker", output, StringComparison.Ordinal);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "is already in use by another program", "--urls http://localhost:")]
    [InlineData(true, ", Vidsnap's management port (readiness and metrics), is already in use", "--Management:Port=")]
    public async Task A_busy_port_is_one_line_naming_it_and_how_to_choose_another(bool management, string says, string remedy)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var busy = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (publicPort, managementPort) = management ? (HostProcess.FreePort(), busy) : (busy, HostProcess.FreePort());
        var data = Directory.CreateTempSubdirectory("vidsnap-busy-").FullName;
        try
        {
            var (exitCode, output) = await HostProcess.RunToExitAsync(
                ["--urls", $"http://127.0.0.1:{publicPort}", $"--Management:Port={managementPort}", $"--Vidsnap:DataDirectory={data}"], Quick);

            Assert.Equal(2, exitCode);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines, l => l.Contains($"Port {busy}{(management ? string.Empty : " ")}{says}", StringComparison.Ordinal));
            Assert.Contains(remedy, line, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
