using System.Globalization;
using System.Text;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>What a run acknowledged, what it injected, and what it found afterwards, Jepsen style.</summary>
public sealed class FaultReport
{
    public required string Mode { get; init; }

    public int Acknowledged { get; set; }

    public int Kills => KillsByRole.Values.Sum();

    public SortedDictionary<string, int> KillsByRole { get; } = new(StringComparer.Ordinal);

    public List<string> Restarts { get; } = [];

    public List<string> Lost { get; } = [];

    public List<string> DuplicateZips { get; } = [];

    public List<string> DuplicateEmails { get; } = [];

    public int Completed { get; set; }

    public int Failed { get; set; }

    public int ClientRetries { get; set; }

    public TimeSpan Duration { get; set; }

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Acknowledged} acknowledged / {Kills} kills / {Lost.Count} lost / {DuplicateZips.Count} duplicate zips / {DuplicateEmails.Count} duplicate emails");

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"mode: {Mode}; duration {Duration.TotalSeconds:F0} s; client retries {ClientRetries}");
        text.AppendLine(CultureInfo.InvariantCulture, $"kills by role: {string.Join(", ", KillsByRole.Select(k => $"{k.Key} {k.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"restarts: {(Restarts.Count == 0 ? "none" : string.Join(", ", Restarts))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"outcomes: {Completed} Completed, {Failed} Failed");
        foreach (var (label, list) in new[] { ("lost", Lost), ("duplicate zip", DuplicateZips), ("duplicate email", DuplicateEmails) })
        {
            foreach (var item in list)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {item}");
            }
        }

        text.Append(Summary);
        return text.ToString();
    }
}
