using System.Net;
using System.Net.Sockets;
using Vidsnap.Platform.Egress;

namespace Vidsnap.UnitTests.Platform;

public sealed class EgressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.8", false)]
    [InlineData("172.20.1.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700::6810:85e5", true)]
    public void Only_public_addresses_are_public(string address, bool expected)
    {
        Assert.Equal(expected, EgressGuard.IsPublic(IPAddress.Parse(address)));
    }

    /// <summary>
    /// The check at connect time, on what the name resolves to then: a name that passed (or a rebinding one)
    /// reaches nothing private. "localhost" stands for a name whose answer turned to loopback.
    /// </summary>
    [Fact]
    public async Task A_connection_to_a_name_resolving_to_loopback_is_refused_before_it_opens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var strict = new HttpClient(EgressGuard.CreateHandler(allowPrivate: false));
        using var open = new HttpClient(EgressGuard.CreateHandler(allowPrivate: true)) { Timeout = TimeSpan.FromSeconds(2) };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(new Uri($"http://localhost:{port}/")));

        Assert.Contains("private, loopback or link-local", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "the refused request still reached the listener");
        var accept = listener.AcceptTcpClientAsync();
        _ = open.GetAsync(new Uri($"http://localhost:{port}/"));
        using var client = await accept.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused_with_its_name()
    {
        var (addresses, refusal) = await EgressGuard.ResolveAsync("no-such-host.invalid", allowPrivate: false, CancellationToken.None);

        Assert.Empty(addresses);
        Assert.Contains("no-such-host.invalid", refusal, StringComparison.Ordinal);
    }
}
