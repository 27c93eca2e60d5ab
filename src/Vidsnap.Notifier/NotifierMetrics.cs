using System.Diagnostics.Metrics;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Notifier;

/// <summary>The notifier's instruments, on Vidsnap's one meter.</summary>
internal static class NotifierMetrics
{
    private static readonly Counter<long> HeldBackEmails = VidsnapTelemetry.Meter.CreateCounter<long>(
        "vidsnap.emails.held_back", "{email}", "Emails a limit kept from being sent, by limit (unverified, failure-repeat, hourly-cap).");

    public static void HeldBack(string limit) => HeldBackEmails.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
