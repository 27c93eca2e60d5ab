using System.Text.RegularExpressions;

namespace Vidsnap.Platform.Storage;

/// <summary>What every object key looks like, whichever store holds it: lowercase ids and names, no way out of its folder.</summary>
public static partial class ObjectKeyFormat
{
    public static bool IsWellFormed(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length is > 0 and <= 512 && SafeKey().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9/_.-]*$")]
    private static partial Regex SafeKey();
}
