using System.ComponentModel.DataAnnotations;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Quotas;

/// <summary>What one account may hold and do at once. Generous by default: a limit is for the user who would hurt the others, not for ordinary use.</summary>
public sealed class QuotaOptions : IOptionsSection
{
    public const string Section = "Quotas";

    static string IOptionsSection.Section => Section;

    /// <summary>Bytes of sources (declared sizes, counted from creation) and outputs one account may store.</summary>
    [Range(1, long.MaxValue)]
    public long StoredBytes { get; set; } = 50L * 1024 * 1024 * 1024;

    /// <summary>Videos Queued or Processing at once.</summary>
    [Range(1, 100_000)]
    public int VideosInFlight { get; set; } = 10;

    /// <summary>Videos created in any 24 hours.</summary>
    [Range(1, 1_000_000)]
    public int VideosPerDay { get; set; } = 500;

    /// <summary>API keys held at once (not revoked).</summary>
    [Range(1, 1_000)]
    public int ApiKeys { get; set; } = 25;

    /// <summary>Webhook endpoints registered at once.</summary>
    [Range(1, 1_000)]
    public int Webhooks { get; set; } = 10;
}
