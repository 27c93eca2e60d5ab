using System.Security.Cryptography;
using System.Text;
using Vidsnap.Client.Webhooks;

namespace Vidsnap.Cli.Tests;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void A_signature_made_as_the_standard_says_verifies_and_any_change_does_not()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string body = """{"type":"video.completed","data":{"id":"x"}}""";
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"msg_1.{timestamp}.{body}")));
        var rotated = "v1,bm90IHRoaXMgb25l " + signature;

        Assert.True(WebhookSignature.IsValid(secret, "msg_1", timestamp, signature, body));
        Assert.True(WebhookSignature.SignatureMatches(secret, "msg_1", timestamp, rotated, body));
        Assert.False(WebhookSignature.SignatureMatches(secret, "msg_1", timestamp, signature, body + " "));
        Assert.False(WebhookSignature.SignatureMatches(secret, "msg_2", timestamp, signature, body));
        Assert.False(WebhookSignature.SignatureMatches("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "msg_1", timestamp, signature, body));

        var old = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var oldSignature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"msg_1.{old}.{body}")));
        Assert.False(WebhookSignature.IsValid(secret, "msg_1", old, oldSignature, body));
        Assert.True(WebhookSignature.SignatureMatches(secret, "msg_1", old, oldSignature, body));
    }
}
