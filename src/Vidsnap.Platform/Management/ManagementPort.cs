using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Management;

public static class ManagementPort
{
    /// <summary>
    /// Adds the management port to the addresses Kestrel listens on (each public URL's host, at
    /// <see cref="ManagementOptions.Port"/>) and the routing rule that serves management endpoints there only.
    /// </summary>
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = builder.AddValidatedOptions<ManagementOptions>().Port;
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        builder.WebHost.UseUrls([.. ListenUrls(urls, port)]);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ManagementPortPolicy>());
        return builder;
    }

    /// <summary>
    /// Serves the endpoint on the management port only; on any other port it does not match, so it answers 404.
    /// The port a connection arrived on decides, not the Host header (RequireHost's test), which a caller of the
    /// public port writes as it likes.
    /// </summary>
    public static TBuilder RequireManagementPort<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ManagementEndpointMetadata.Instance);

    /// <summary>The public URLs (Kestrel's default when none is set) and, once per host, the management URL beside them.</summary>
    public static IReadOnlyList<string> ListenUrls(string? urls, int port)
    {
        var configured = (string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var addresses = configured.Select(BindingAddress.Parse).ToList();
        if (addresses.Any(a => !a.IsUnixPipe && !a.IsNamedPipe && a.Port == port))
        {
            throw new OptionsValidationException(ManagementOptions.Section, typeof(ManagementOptions),
                [$"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)} {port} is also a public port ({string.Join(";", configured)}); choose another, so readiness and metrics stay off the public port."]);
        }

        // Plain http: the port is for the cluster's own probes and scrapers, not for callers outside it.
        var management = addresses.Where(a => !a.IsUnixPipe && !a.IsNamedPipe)
            .Select(a => $"http://{a.Host}:{port}")
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return [.. configured.Union(management, StringComparer.OrdinalIgnoreCase)];
    }
}
