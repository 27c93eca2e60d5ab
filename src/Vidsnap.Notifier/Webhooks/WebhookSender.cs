using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using StandardWebhooks;

namespace Vidsnap.Notifier.Webhooks;

/// <summary>What one attempt came to: the receiver's status code (none when it never answered), how long, and why it failed.</summary>
public sealed record AttemptOutcome(int? StatusCode, TimeSpan Duration, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs a delivery, signed in the Standard Webhooks form: webhook-id (the same on every attempt), webhook-timestamp
/// and webhook-signature, one "v1,..." per secret that signs now. Redirects are not followed; the HTTP client
/// connects only where the egress guard allows.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(
        string url, string webhookId, string payload, IReadOnlyList<string> secrets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(webhookId, now, payload))));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Vidsnap-Webhooks", "1"));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return new AttemptOutcome(code, clock.Elapsed, code is >= 200 and < 300 ? null : $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(null, clock.Elapsed, "The receiver did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(null, clock.Elapsed, Truncate(ex.Message));
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
