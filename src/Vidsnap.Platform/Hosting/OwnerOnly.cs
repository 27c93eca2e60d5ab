namespace Vidsnap.Platform.Hosting;

/// <summary>
/// The data directory holds every video, the database and its secrets: only the account Vidsnap runs as may
/// read it. Directories are 0700 and files 0600, also when the directory was made earlier with looser modes.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return path;
        }

        // CreateDirectory gives the mode to the last directory only; each missing parent gets it here.
        var missing = new Stack<string>();
        for (var directory = Path.GetFullPath(path); !System.IO.Directory.Exists(directory); directory = Path.GetDirectoryName(directory)!)
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out var directory))
        {
            System.IO.Directory.CreateDirectory(directory, DirectoryMode);
        }

        if (File.GetUnixFileMode(path) != DirectoryMode)
        {
            File.SetUnixFileMode(path, DirectoryMode);
        }

        return path;
    }

    /// <summary>Restricts a file something else created (SQLite, MimeKit), when it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Options for a file this process creates: owner-only from its first byte.</summary>
    public static FileStreamOptions NewFile(FileMode mode = System.IO.FileMode.CreateNew) => OperatingSystem.IsWindows()
        ? new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, Options = FileOptions.Asynchronous }
        : new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, Options = FileOptions.Asynchronous, UnixCreateMode = FileMode };
}
