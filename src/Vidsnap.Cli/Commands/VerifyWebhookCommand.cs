using System.CommandLine;
using System.Globalization;
using Vidsnap.Client.Webhooks;

namespace Vidsnap.Cli.Commands;

internal static class VerifyWebhookCommand
{
    public static Command Create(CliApp app)
    {
        var secret = new Option<string>("--secret") { HelpName = "whsec_...", Description = "The whsec_... the webhook's registration answered.", Required = true };
        var file = new Option<string>("--file") { HelpName = "PAYLOAD", Description = "The delivery's body, saved byte for byte.", Required = true };
        var id = new Option<string>("--id") { HelpName = "WEBHOOK_ID", Description = "Its webhook-id header.", Required = true };
        var timestamp = new Option<string>("--timestamp") { HelpName = "SECONDS", Description = "Its webhook-timestamp header (Unix seconds).", Required = true };
        var signature = new Option<string>("--signature") { HelpName = "v1,...", Description = "Its webhook-signature header (v1,... one or more).", Required = true };
        var command = new Command("verify-webhook", "Check a saved webhook delivery's signature (Standard Webhooks). Exit 0 when it matches, 1 when not.")
        {
            secret, file, id, timestamp, signature,
        };
        command.SetAction(app.Action(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file.");
            }

            var body = await File.ReadAllTextAsync(path, cancellationToken);
            var stamp = parse.GetValue(timestamp)!;
            if (!WebhookSignature.SignatureMatches(parse.GetValue(secret)!, parse.GetValue(id)!, stamp, parse.GetValue(signature)!, body))
            {
                await app.Output.WriteLineAsync("invalid: the signature does not match this secret, id, timestamp and body");
                return ExitCodes.VideoFailed;
            }

            var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(long.Parse(stamp, CultureInfo.InvariantCulture));
            await app.Output.WriteLineAsync(age.Duration() > TimeSpan.FromMinutes(5)
                ? string.Create(CultureInfo.InvariantCulture, $"valid (signed {age.TotalMinutes:0} minutes ago: a live receiver should refuse a timestamp this far off)")
                : "valid");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
