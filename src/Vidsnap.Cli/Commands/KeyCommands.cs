using System.CommandLine;
using System.Globalization;

namespace Vidsnap.Cli.Commands;

internal static class KeyCommands
{
    public static Command Create(CliApp app)
    {
        var keys = new Command("keys", "API keys for other systems (needs a signed-in person; no key can manage keys).");

        var name = new Option<string>("--name") { HelpName = "NAME", Description = "What the key is for.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "videos:read, videos:write or webhooks:manage; repeat for more (default: videos:read and videos:write).",
            AllowMultipleArgumentsPerToken = true,
        };
        var create = new Command("create", "Make a key; its secret is printed this once.") { name, scopes };
        create.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var chosen = parse.GetValue(scopes) is { Length: > 0 } given ? given : ["videos:read", "videos:write"];
            var key = await session.Client.CreateApiKeyAsync(parse.GetValue(name)!, chosen, cancellationToken);
            await app.Output.WriteLineAsync($"{key.Id}\t{key.Name}\t{string.Join(' ', key.Scopes)}");
            await app.Output.WriteLineAsync(key.Secret);
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "Your keys (never their secrets).");
        list.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            foreach (var key in await session.Client.ListApiKeysAsync(cancellationToken))
            {
                await app.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id}\t{key.Name}\t{string.Join(' ', key.Scopes)}\t{key.Prefix}...\tcreated {key.CreatedAt:u}\tlast used {(key.LastUsedAt is { } used ? used.ToString("u", CultureInfo.InvariantCulture) : "never")}"));
            }

            return ExitCodes.Ok;
        }));

        var id = new Argument<string>("ID") { Description = "The key's id." };
        var revoke = new Command("revoke", "Revoke a key: it stops working within seconds.") { id };
        revoke.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var keyId = CliApp.ParseId(parse.GetValue(id), "key");
            await session.Client.RevokeApiKeyAsync(keyId, cancellationToken);
            await app.Output.WriteLineAsync($"Revoked {keyId}.");
            return ExitCodes.Ok;
        }));

        keys.Add(create);
        keys.Add(list);
        keys.Add(revoke);
        return keys;
    }
}
