using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vidsnap.Aws;
using Vidsnap.Embedded;
using Vidsnap.Gateway;
using Vidsnap.Platform.Storage;

namespace Vidsnap.UnitTests.Gateway;

/// <summary>The web app's policy, with the storage origins each object store's adapter registers for it.</summary>
public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void Embedded_allows_only_this_origin_and_nothing_inline()
    {
        var policy = Build(builder => builder.AddLocalObjectStore());

        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_on_an_endpoint_allows_uploads_and_images_on_that_endpoints_origin()
    {
        var policy = Build(builder => builder.AddS3ObjectStore(), new() { ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000/some/path" });

        Assert.Contains("connect-src 'self' http://127.0.0.1:9000;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' http://127.0.0.1:9000;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_on_aws_allows_aws_and_configured_origins_win()
    {
        Assert.Contains("connect-src 'self' https://*.amazonaws.com;", Build(builder => builder.AddS3ObjectStore()), StringComparison.Ordinal);

        var configured = Build(builder => builder.AddS3ObjectStore(), options: new GatewayOptions { StorageOrigins = ["https://media.example.com"] });
        Assert.Contains("connect-src 'self' https://media.example.com;", configured, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_reference_runs_only_this_origins_scripts_and_its_own_nonced_one_and_nothing_from_elsewhere()
    {
        var policy = ContentSecurityPolicy.ForApiReference("n0nce-value");

        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-n0nce-value';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", policy);
        // Scalar sets style attributes at run time: inline styles, and only styles, are allowed on this page.
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);
        foreach (var directive in new[] { "connect-src 'self';", "img-src 'self';", "font-src 'self';", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }
    }

    private static string Build(Action<IHostApplicationBuilder> store, Dictionary<string, string?>? settings = null, GatewayOptions? options = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        store(builder);
        using var services = builder.Services.BuildServiceProvider();
        return ContentSecurityPolicy.Build(services.GetRequiredService<StorageOrigins>(), options ?? new GatewayOptions());
    }
}
