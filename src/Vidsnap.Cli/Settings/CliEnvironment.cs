namespace Vidsnap.Cli.Settings;

/// <summary>What the CLI reads from its environment, injectable so tests need not set process-wide variables.</summary>
internal sealed class CliEnvironment(Func<string, string?> variable)
{
    public const string DefaultUrl = "http://localhost:8080";

    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? ApiKey => Blank(variable("VIDSNAP_API_KEY"));

    /// <summary>$XDG_CONFIG_HOME/vidsnap, else ~/.config/vidsnap, as the XDG base directory spec says.</summary>
    public string ConfigDirectory => Path.Combine(
        Blank(variable("XDG_CONFIG_HOME")) ?? Path.Combine(Blank(variable("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
        "vidsnap");

    /// <summary>--url, else VIDSNAP_URL, else the local default; without a trailing slash.</summary>
    public Uri ServerUrl(string? fromCommandLine)
    {
        var text = Blank(fromCommandLine) ?? Blank(variable("VIDSNAP_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"The server URL '{text}' is not an absolute http(s) URL.");
        }

        return new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
