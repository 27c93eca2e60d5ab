using Microsoft.Extensions.Configuration;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Telemetry;

/// <summary>OpenTelemetry's own standard variable; the exporter reads the other OTEL_* variables itself.</summary>
public sealed class TelemetryOptions : IOptionsSection
{
    public const string Section = "";

    static string IOptionsSection.Section => Section;

    /// <summary>Export traces, metrics and logs by OTLP to this endpoint; unset: only /metrics.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? OtlpEndpoint { get; set; }
}
