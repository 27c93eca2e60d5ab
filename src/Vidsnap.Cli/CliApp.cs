using System.CommandLine;
using Vidsnap.Cli.Commands;
using Vidsnap.Cli.Settings;

namespace Vidsnap.Cli;

/// <summary>The command tree, its global options, and the one place where failures become exit codes.</summary>
internal sealed class CliApp(CliEnvironment environment, TextWriter output, TextWriter error)
{
    public CliEnvironment Environment { get; } = environment;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Option<string?> Url { get; } = new("--url")
    {
        HelpName = "URL",
        Description = $"The Vidsnap server (default: $VIDSNAP_URL, else {CliEnvironment.DefaultUrl}).",
        Recursive = true,
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        HelpName = "SECONDS",
        Description = "Seconds each API call may take (default 30); uploads and downloads fail only when no byte moves for as long (at least 10 s, default 60).",
        Recursive = true,
    };

    public RootCommand Build()
    {
        var root = new RootCommand(
            "vidsnap-cli: upload videos to Vidsnap, follow them and download their frames.\n"
            + "Sign in with 'vidsnap-cli login', or set VIDSNAP_API_KEY to a vsk_... key.\n" + ExitCodes.Help);
        root.Add(Url);
        root.Add(Timeout);
        root.Add(AuthCommands.Login(this));
        root.Add(AuthCommands.Logout(this));
        root.Add(UploadCommand.Create(this));
        root.Add(VideoCommands.List(this));
        root.Add(VideoCommands.Status(this));
        root.Add(VideoCommands.Download(this));
        root.Add(VideoCommands.Delete(this));
        root.Add(KeyCommands.Create(this));
        root.Add(WebhookCommands.Create(this));
        root.Add(VerifyWebhookCommand.Create(this));
        return root;
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await Error.WriteLineAsync(problem.Message);
            }

            await Error.WriteLineAsync("Run 'vidsnap-cli --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = Output, Error = Error }, cancellationToken);
    }

    /// <summary>An action that needs no server: its failures still become exit codes.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await Error.WriteLineAsync($"vidsnap-cli: {ex.Message}");
                return ExitCodes.For(ex);
            }
        };

    /// <summary>An action against the server, with a client authenticated as this run can be.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> WithSession(Func<ParseResult, CliSession, CancellationToken, Task<int>> body) =>
        Action(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(Environment, parse.GetValue(Url), parse.GetValue(Timeout));
            return await body(parse, session, cancellationToken);
        });

    /// <summary>A video or key id as the command line gives it; anything else is a usage error.</summary>
    public static Guid ParseId(string? text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new UsageException($"'{text}' is not a {what} id (a GUID such as 6f1c2d3e-...).");
}
