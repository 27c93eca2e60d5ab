using System.Net;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Readiness and metrics answer on the management port only; the public port, which the ingress exposes, answers
/// 404 for them, even to a caller naming the management port in its Host header.
/// </summary>
public sealed class ManagementPortTests
{
    private static readonly string[] ManagementPaths = ["/metrics", "/health/ready"];

    [Fact]
    public async Task The_binary_serves_readiness_and_metrics_on_its_management_port_only()
    {
        var data = Directory.CreateTempSubdirectory("vidsnap-management-").FullName;
        try
        {
            using var host = await HostProcess.StartAsync(HostProcess.FreePort(), new Dictionary<string, string> { ["Vidsnap:DataDirectory"] = data });
            using var publicPort = new HttpClient { BaseAddress = host.Address };
            using var management = new HttpClient { BaseAddress = host.Management };
            await AssertManagementOnlyAsync(publicPort, management);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_test_app_keeps_them_apart_the_same_way()
    {
        using var app = new VidsnapApp();
        using var publicPort = app.Anonymous();
        using var management = app.ManagementClient();
        await AssertManagementOnlyAsync(publicPort.Http, management);
    }

    private static async Task AssertManagementOnlyAsync(HttpClient publicPort, HttpClient management)
    {
        foreach (var path in ManagementPaths)
        {
            var uri = new Uri(path, UriKind.Relative);
            using (var onPublic = await publicPort.GetAsync(uri))
            {
                Assert.True(onPublic.StatusCode == HttpStatusCode.NotFound, $"{path} on the public port: {(int)onPublic.StatusCode}");
            }

            using (var spoofed = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                spoofed.Headers.Host = $"127.0.0.1:{management.BaseAddress!.Port}";
                using var answer = await publicPort.SendAsync(spoofed);
                Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} on the public port with the management port in Host: {(int)answer.StatusCode}");
            }

            using var onManagement = await management.GetAsync(uri);
            Assert.True(onManagement.StatusCode == HttpStatusCode.OK, $"{path} on the management port: {(int)onManagement.StatusCode}");
        }

        // Liveness stays on both, for whatever only reaches the public port.
        Assert.Equal(HttpStatusCode.OK, (await publicPort.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }
}
