using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Management;

/// <summary>The port of readiness and metrics: the cluster's probes and scrapers reach it, the ingress never does.</summary>
public sealed class ManagementOptions : IOptionsSection
{
    public const string Section = "Management";

    /// <summary>The public default (8080) plus one, so an embedded process on the defaults has both.</summary>
    public const int DefaultPort = 8081;

    static string IOptionsSection.Section => Section;

    /// <summary>Listened on at the same addresses as the public URLs; must differ from every public port.</summary>
    [Range(1, 65_535, ErrorMessage = "Management:Port must be a TCP port (1-65535).")]
    public int Port { get; set; } = DefaultPort;
}
