using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Vidsnap.Auth;

/// <summary>PBKDF2-SHA256 with a per-password salt; the iteration count is stored with the hash so it can grow.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private readonly Lazy<string> decoy = new(() => HashWith("decoy password for unknown accounts", options.Value.PasswordIterations));

    public string Hash(string password) => HashWith(password, options.Value.PasswordIterations);

    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same time as a real check, so an unknown email cannot be told from a wrong password. Never succeeds.</summary>
    public bool VerifyDecoy(string password)
    {
        _ = Verify(password, decoy.Value);
        return false;
    }

    private static string HashWith(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }
}
