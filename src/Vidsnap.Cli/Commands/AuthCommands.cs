using System.CommandLine;
using Spectre.Console;
using Vidsnap.Cli.Settings;

namespace Vidsnap.Cli.Commands;

internal static class AuthCommands
{
    public static Command Login(CliApp app)
    {
        var email = new Option<string?>("--email") { HelpName = "EMAIL", Description = "Your account's email; asked for when missing." };
        var password = new Option<string?>("--password") { HelpName = "PASSWORD", Description = "Your password; asked for (hidden) when missing, or read from stdin when it is not a terminal." };
        var command = new Command("login", "Sign in and keep the refresh token in $XDG_CONFIG_HOME/vidsnap/credentials.json (mode 0600) for later runs.") { email, password };
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var address = parse.GetValue(email) ?? Ask("Email:", secret: false);
            var secret = parse.GetValue(password) ?? Ask("Password:", secret: true);
            session.Email = address;
            // The API key, if any, is not what login is about: sign in with the password whatever the environment says.
            session.Client.Options.ApiKey = null;
            await session.Client.LoginAsync(address, secret, cancellationToken);
            await app.Output.WriteLineAsync($"Signed in to {session.Server} as {address}; credentials kept in {session.Credentials.Path}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Logout(CliApp app)
    {
        var command = new Command("logout", "End the stored session at the server and forget its tokens.");
        command.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            if (session.Credentials.Read(session.Server) is null)
            {
                await app.Output.WriteLineAsync($"Not signed in to {session.Server}.");
                return ExitCodes.Ok;
            }

            try
            {
                await session.Client.LogoutAsync(cancellationToken);
            }
            finally
            {
                session.Credentials.Remove(session.Server);
            }

            await app.Output.WriteLineAsync($"Signed out of {session.Server}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Ask(string prompt, bool secret)
    {
        if (Console.IsInputRedirected)
        {
            // For scripts: `echo "$PASSWORD" | vidsnap-cli login --email me@example.com`.
            return Console.In.ReadLine() is { Length: > 0 } line ? line : throw new UsageException($"{prompt.TrimEnd(':')} is needed: pass it as an option.");
        }

        var question = new TextPrompt<string>(prompt);
        return AnsiConsole.Prompt(secret ? question.Secret() : question);
    }
}
