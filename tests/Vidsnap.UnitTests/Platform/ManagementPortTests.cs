using Microsoft.Extensions.Options;
using Vidsnap.Platform.Management;

namespace Vidsnap.UnitTests.Platform;

/// <summary>The management URL sits beside each public address, at its own port, and never on a public one.</summary>
public sealed class ManagementPortTests
{
    [Theory]
    [InlineData("http://localhost:8080", "http://localhost:8080;http://localhost:8081")]
    [InlineData("http://+:8080", "http://+:8080;http://+:8081")]
    [InlineData("http://+:8080;https://+:8443", "http://+:8080;https://+:8443;http://+:8081")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0;http://127.0.0.1:8081")]
    [InlineData("http://[::]:8080", "http://[::]:8080;http://[::]:8081")]
    [InlineData(null, "http://localhost:5000;http://localhost:8081")]
    public void Adds_the_management_port_once_per_public_host(string? urls, string expected)
    {
        Assert.Equal(expected.Split(';'), ManagementPort.ListenUrls(urls, ManagementOptions.DefaultPort));
    }

    [Fact]
    public void Refuses_a_management_port_that_a_public_url_already_uses()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ManagementPort.ListenUrls("http://+:8081", 8081));

        Assert.Contains("Management:Port 8081 is also a public port", error.Message, StringComparison.Ordinal);
    }
}
