using System.Text.Json;

namespace Vidsnap.Cli.Settings;

/// <summary>What login leaves for later runs, per server: the refresh token (single-use, so replaced after each refresh) and the current access token.</summary>
internal sealed record StoredCredentials(string Email, string RefreshToken, string? AccessToken, DateTimeOffset? AccessTokenExpiresAt);

/// <summary>credentials.json in the config folder, mode 0600, one entry per server URL.</summary>
internal sealed class CredentialStore(string configDirectory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(configDirectory, "credentials.json");

    public StoredCredentials? Read(Uri server) => ReadAll().GetValueOrDefault(server.ToString());

    public void Save(Uri server, StoredCredentials credentials)
    {
        var all = ReadAll();
        all[server.ToString()] = credentials;
        PrivateFile.Write(Path, JsonSerializer.Serialize(all, Json));
    }

    public void Remove(Uri server)
    {
        var all = ReadAll();
        if (all.Remove(server.ToString()))
        {
            PrivateFile.Write(Path, JsonSerializer.Serialize(all, Json));
        }
    }

    private Dictionary<string, StoredCredentials> ReadAll()
    {
        if (!File.Exists(Path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, StoredCredentials>>(File.ReadAllText(Path), Json) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged file means signing in again, not a crash.
            return new(StringComparer.Ordinal);
        }
    }
}
