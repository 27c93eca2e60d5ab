using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Vidsnap.Embedded.Storage;
using Vidsnap.Platform.Storage;

namespace Vidsnap.UnitTests.Embedded;

public class LocalUrlSignerTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LocalUrlSigner signer;
    private readonly SignedGrant grant;

    public LocalUrlSignerTests()
    {
        signer = new LocalUrlSigner(RandomNumberGenerator.GetBytes(32), time);
        grant = new SignedGrant("PUT", "users/a/videos/b/source", time.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds(), 1000, null);
    }

    private string SignatureOf(SignedGrant g) => QueryHelpers.ParseQuery(new Uri("http://x" + signer.CreateUrl(g)).Query)["signature"].ToString();

    [Fact]
    public void Accepts_its_own_signature_before_expiry()
    {
        Assert.Null(signer.Validate(grant, SignatureOf(grant)));
    }

    [Fact]
    public void Url_names_the_key_and_carries_the_grant()
    {
        var url = signer.CreateUrl(grant);

        Assert.StartsWith("/storage/users/a/videos/b/source?", url, StringComparison.Ordinal);
        Assert.Contains("max=1000", url, StringComparison.Ordinal);
        Assert.Contains("method=PUT", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_any_changed_field()
    {
        var signature = SignatureOf(grant);

        Assert.NotNull(signer.Validate(grant with { Method = "GET" }, signature));
        Assert.NotNull(signer.Validate(grant with { Key = "users/a/videos/c/source" }, signature));
        Assert.NotNull(signer.Validate(grant with { MaxBytes = 1001 }, signature));
        Assert.NotNull(signer.Validate(grant with { ExpiresUnix = grant.ExpiresUnix + 3600 }, signature));
        Assert.NotNull(signer.Validate(grant with { FileName = "x.zip" }, signature));
        Assert.NotNull(signer.Validate(grant with { Part = 1 }, signature));
    }

    [Fact]
    public void A_part_url_is_good_for_that_part_only()
    {
        var part = grant with { Part = 2 };
        var signature = SignatureOf(part);

        Assert.Contains("part=2", signer.CreateUrl(part), StringComparison.Ordinal);
        Assert.Null(signer.Validate(part, signature));
        Assert.NotNull(signer.Validate(part with { Part = 3 }, signature));
        Assert.NotNull(signer.Validate(grant, signature));
    }

    [Fact]
    public void Rejects_after_expiry()
    {
        var signature = SignatureOf(grant);
        time.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal("The URL has expired.", signer.Validate(grant, signature));
    }

    [Fact]
    public void Rejects_a_signature_made_with_another_key()
    {
        var other = new LocalUrlSigner(RandomNumberGenerator.GetBytes(32), time);
        var forged = QueryHelpers.ParseQuery(new Uri("http://x" + other.CreateUrl(grant)).Query)["signature"].ToString();

        Assert.NotNull(signer.Validate(grant, forged));
        Assert.NotNull(signer.Validate(grant, null));
        Assert.NotNull(signer.Validate(grant, "not base64!"));
    }

    [Theory]
    [InlineData("users/a/videos/b/source", true)]
    [InlineData("users/a/../../etc/passwd", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("users/A/videos", false)]
    [InlineData("", false)]
    public void Object_keys_are_restricted(string key, bool wellFormed)
    {
        Assert.Equal(wellFormed, ObjectKeyFormat.IsWellFormed(key));
    }
}
