using System.Globalization;
using System.Text.RegularExpressions;

namespace Vidsnap.Testing;

/// <summary>/metrics read as Prometheus reads it, from the management port.</summary>
public static partial class MetricsScrape
{
    public static async Task<string> ScrapeAsync(HttpClient management)
    {
        ArgumentNullException.ThrowIfNull(management);
        using var response = await management.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain the given label, 0 when there are none.</summary>
    public static double Sum(string scrape, string metric, string label = "") =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
