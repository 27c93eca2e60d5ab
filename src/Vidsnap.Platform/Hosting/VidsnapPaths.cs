using Microsoft.Extensions.Options;

namespace Vidsnap.Platform.Hosting;

/// <summary>Where this process keeps its files; everything lives under one data directory.</summary>
public sealed class VidsnapPaths
{
    public VidsnapPaths(IOptions<VidsnapOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.DataDirectory;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);

        // Not made owner-only here: in distributed mode on one machine the stand-in servers (a PostgreSQL running
        // as its own user) keep their data below it too. The embedded adapters, whose data it all is, restrict it.
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Database => Path.Combine(Root, "vidsnap.db");

    public string Objects => Path.Combine(Root, "objects");

    public string Mail => Path.Combine(Root, "mail");

    public string Work => Path.Combine(Root, "work");

    public string Secrets => Path.Combine(Root, "secrets");

    /// <summary>Reads a secret from the data directory, creating it (owner-only) on first use.</summary>
    public byte[] GetOrCreateSecret(string name, int bytes)
    {
        OwnerOnly.Directory(Secrets);
        var path = Path.Combine(Secrets, name);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temp, path, overwrite: false);
            return secret;
        }
        catch (IOException)
        {
            // Another process won the race: use its secret.
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
