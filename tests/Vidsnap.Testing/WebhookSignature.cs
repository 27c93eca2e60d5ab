using System.Security.Cryptography;
using System.Text;

namespace Vidsnap.Testing;

/// <summary>
/// An independent check of a Standard Webhooks signature, written from the specification alone (not with the
/// library the notifier signs with): HMAC-SHA256 of "id.timestamp.body" with the secret's base64 bytes after
/// "whsec_", compared with each "v1,..." of the header.
/// </summary>
public static class WebhookSignature
{
    public static bool IsValid(string secret, ReceivedWebhook received)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(received);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}"));
        return received.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }
}
