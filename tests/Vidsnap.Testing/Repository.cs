namespace Vidsnap.Testing;

public static class Repository
{
    /// <summary>The checkout the tests run from: the folder holding Vidsnap.slnx above the test binaries.</summary>
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vidsnap.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Vidsnap.slnx not found above the test binaries.");
    }
}
