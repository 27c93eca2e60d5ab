using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Vidsnap.Embedded.Storage;

/// <summary>What a signed local-storage URL grants: one method on one key (or one part of its upload), up to a size, until a time.</summary>
public sealed record SignedGrant(string Method, string Key, long ExpiresUnix, long MaxBytes, string? FileName)
{
    /// <summary>The part of a multipart upload this URL takes; 0 for the whole object.</summary>
    public int Part { get; init; }
}

/// <summary>HMAC-SHA256 over method, key, expiry, maximum size and download name: change any and it fails.</summary>
public sealed class LocalUrlSigner(byte[] key, TimeProvider time)
{
    public const string PathPrefix = "/storage/";

    public string CreateUrl(SignedGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var query = new Dictionary<string, string?>
        {
            ["method"] = grant.Method,
            ["expires"] = grant.ExpiresUnix.ToString(CultureInfo.InvariantCulture),
            ["max"] = grant.MaxBytes.ToString(CultureInfo.InvariantCulture),
        };
        if (grant.FileName is not null)
        {
            query["name"] = grant.FileName;
        }

        if (grant.Part > 0)
        {
            query["part"] = grant.Part.ToString(CultureInfo.InvariantCulture);
        }

        query["signature"] = Sign(grant);
        return QueryHelpers.AddQueryString(PathPrefix + grant.Key, query);
    }

    /// <summary>Null when valid; otherwise why not, in words fit for a 403 body.</summary>
    public string? Validate(SignedGrant grant, string? signature)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (string.IsNullOrEmpty(signature))
        {
            return "The URL is not signed.";
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return "The URL's signature is malformed.";
        }

        if (!CryptographicOperations.FixedTimeEquals(given, Mac(grant)))
        {
            return "The URL's signature does not match.";
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > grant.ExpiresUnix ? "The URL has expired." : null;
    }

    private string Sign(SignedGrant grant) => WebEncoders.Base64UrlEncode(Mac(grant));

    private byte[] Mac(SignedGrant grant)
    {
        var canonical = string.Join('\n', grant.Method.ToUpperInvariant(), grant.Key,
            grant.ExpiresUnix.ToString(CultureInfo.InvariantCulture),
            grant.MaxBytes.ToString(CultureInfo.InvariantCulture), grant.FileName ?? string.Empty);
        // A part's number is signed too; a whole-object grant's canonical form is as it was before parts.
        if (grant.Part > 0)
        {
            canonical += "\npart " + grant.Part.ToString(CultureInfo.InvariantCulture);
        }

        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical));
    }
}
