using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vidsnap.Cli.Settings;

/// <summary>An upload begun and not yet completed: the video it goes to.</summary>
internal sealed record UploadState(Guid VideoId, string Path, long SizeBytes, string Server, DateTimeOffset StartedAt);

/// <summary>
/// One small file per unfinished upload under the config folder's uploads/, named by the file it sends (absolute
/// path, size, modification time) and the server: the same command run again finds the video to resume, and a
/// changed file or another server does not.
/// </summary>
internal sealed class UploadStateStore(string configDirectory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Directory { get; } = System.IO.Path.Combine(configDirectory, "uploads");

    public static string KeyOf(string absolutePath, long sizeBytes, DateTime lastWriteUtc, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var identity = string.Join('\n', absolutePath, sizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            lastWriteUtc.ToUniversalTime().Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), server.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    public static string KeyOf(FileInfo file, Uri server)
    {
        ArgumentNullException.ThrowIfNull(file);
        return KeyOf(file.FullName, file.Length, file.LastWriteTimeUtc, server);
    }

    public string PathOf(string key) => System.IO.Path.Combine(Directory, key + ".json");

    public UploadState? Read(string key)
    {
        var path = PathOf(key);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<UploadState>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(string key, UploadState state) => PrivateFile.Write(PathOf(key), JsonSerializer.Serialize(state, Json));

    public void Remove(string key) => File.Delete(PathOf(key));
}
