using Microsoft.Extensions.Configuration;
using Vidsnap.Gateway;

namespace Vidsnap.UnitTests;

public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void Embedded_allows_only_this_origin_and_nothing_inline()
    {
        var policy = Build([]);

        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributed_allows_uploads_and_images_on_the_s3_endpoint_origin()
    {
        var policy = Build(new() { ["Vidsnap:Mode"] = "distributed", ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000/some/path" });

        Assert.Contains("connect-src 'self' http://127.0.0.1:9000;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' http://127.0.0.1:9000;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributed_on_aws_allows_aws_and_configured_origins_win()
    {
        Assert.Contains("connect-src 'self' https://*.amazonaws.com;", Build(new() { ["Vidsnap:Mode"] = "distributed" }), StringComparison.Ordinal);

        var configured = Build(new() { ["Vidsnap:Mode"] = "distributed" }, new GatewayOptions { StorageOrigins = ["https://media.example.com"] });
        Assert.Contains("connect-src 'self' https://media.example.com;", configured, StringComparison.Ordinal);
    }

    private static string Build(Dictionary<string, string?> settings, GatewayOptions? options = null) =>
        ContentSecurityPolicy.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), options ?? new GatewayOptions());
}
