using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vidsnap.Platform.Management;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Where Prometheus scrapes each role's metrics, on the management port.</summary>
    public const string MetricsPath = "/metrics";

    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Traces and metrics: Vidsnap's own spans and instruments, ASP.NET Core and HttpClient. Always served on
    /// <see cref="MetricsPath"/> (management port); also exported by OTLP when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set
    /// (OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_BSP_* and the other OTEL_* variables apply as usual).
    /// </summary>
    public static WebApplicationBuilder AddVidsnapTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.AddValidatedOptions<TelemetryOptions>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(VidsnapTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                // The queue adapters poll SQS all the time; a request outside any trace is noise, not a trace.
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => Activity.Current is { ParentSpanId: var parent } && parent != default))
            .WithMetrics(metrics => metrics
                .AddMeter(VidsnapTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            telemetry.UseOtlpExporter();
        }

        // "Request starting" logs the whole URL, and a signed storage URL's query is a credential. Added after
        // the configuration's rules, this rule wins over any level set for the category there; requests are
        // still traced (with the query redacted) and counted.
        builder.Logging.AddFilter(RequestLogCategory, LogLevel.Warning);
        return builder;
    }

    /// <summary>On the management port only, and off the public document: the public port does not serve it.</summary>
    public static IEndpointRouteBuilder MapVidsnapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().RequireManagementPort().ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
