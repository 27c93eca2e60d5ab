namespace Vidsnap.BrowserTests;

/// <summary>Screenshots of every page go to artifacts/screenshots/ at the repository root, for people to look at.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vidsnap.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(path);
        return path;
    });

    public static string PathOf(string name) => Path.Combine(Directory.Value, name + ".png");
}
