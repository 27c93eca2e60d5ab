using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Vidsnap.Client.Webhooks;

/// <summary>
/// Checks a delivery's Standard Webhooks signature, as a receiver must before trusting its body. The secret is
/// the whsec_... its registration answered; during a rotation the header holds a signature per secret.
/// </summary>
public static class WebhookSignature
{
    /// <summary>
    /// True when the signature matches and the timestamp is within five minutes of now, as the standard asks of a
    /// live delivery (an old one replayed is refused).
    /// </summary>
    public static bool IsValid(string secret, string webhookId, string webhookTimestamp, string webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = webhookId,
            ["webhook-timestamp"] = webhookTimestamp,
            ["webhook-signature"] = webhookSignature,
        };
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when one of the header's signatures is the secret's for this id, timestamp and body, whatever the
    /// timestamp: for checking a delivery saved earlier.
    /// </summary>
    public static bool SignatureMatches(string secret, string webhookId, string webhookTimestamp, string webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(webhookSignature);
        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        string expected;
        try
        {
            expected = new StandardWebhook(secret).Sign(webhookId, DateTimeOffset.FromUnixTimeSeconds(seconds), body);
        }
        catch (FormatException)
        {
            return false;
        }

        var wanted = System.Text.Encoding.UTF8.GetBytes(expected);
        return webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(candidate), wanted));
    }
}
