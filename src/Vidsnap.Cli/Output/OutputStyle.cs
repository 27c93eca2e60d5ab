namespace Vidsnap.Cli.Output;

internal enum OutputStyle
{
    /// <summary>Live progress bars and tables, for a person at a terminal.</summary>
    Terminal,

    /// <summary>One line per change, for logs and pipes, where bars would be escape-code noise.</summary>
    Plain,

    /// <summary>One JSON object per video on stdout, for scripts.</summary>
    Json,
}

internal static class OutputChoice
{
    /// <summary>--json wins; otherwise bars only when stdout is a terminal that can draw them.</summary>
    public static OutputStyle Choose(bool json, bool outputRedirected, string? term) =>
        json ? OutputStyle.Json
        : outputRedirected || string.Equals(term, "dumb", StringComparison.Ordinal) ? OutputStyle.Plain
        : OutputStyle.Terminal;

    public static OutputStyle ForThisProcess(bool json) =>
        Choose(json, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("TERM"));
}
