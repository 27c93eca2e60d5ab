using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Vidsnap.AccessTokens.ApiKeys;

/// <summary>
/// The secret of an API key: "vsk_" and 256 random bits in base64url, so a leaked one is recognisable (and
/// scanners can look for it) and none can be guessed.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "vsk_";

    /// <summary>The characters of a secret shown in a listing: the marker and six more.</summary>
    public const int VisibleLength = 10;

    private const int SecretBytes = 32;

    /// <summary>A base64url body of 32 bytes is 43 characters.</summary>
    private const int Length = 4 + 43;

    public static string Create() => Marker + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));

    public static bool LooksLikeOne(string? value) =>
        value is { Length: Length } && value.StartsWith(Marker, StringComparison.Ordinal) && value.AsSpan(Marker.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string VisiblePart(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret[..VisibleLength];
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
