using System.CommandLine;
using System.Globalization;

namespace Vidsnap.Cli.Commands;

internal static class WebhookCommands
{
    public static Command Create(CliApp app)
    {
        var webhooks = new Command("webhooks", "Receivers the server POSTs video events to, signed as Standard Webhooks says.");

        var target = new Argument<string>("RECEIVER_URL") { Description = "The receiver's absolute URL (https in distributed mode)." };
        var events = new Option<string[]>("--event")
        {
            Description = "video.queued, video.completed, video.failed or video.deleted; repeat for more (default: video.completed and video.failed).",
            AllowMultipleArgumentsPerToken = true,
        };
        var add = new Command("add", "Register a receiver; its signing secret is printed this once.") { target, events };
        add.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var chosen = parse.GetValue(events) is { Length: > 0 } given ? given : ["video.completed", "video.failed"];
            var webhook = await session.Client.AddWebhookAsync(parse.GetValue(target)!, chosen, cancellationToken);
            await app.Output.WriteLineAsync($"{webhook.Id}\t{webhook.Url}\t{string.Join(' ', webhook.Events)}");
            await app.Output.WriteLineAsync(webhook.Secret);
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "Your receivers.");
        list.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            foreach (var webhook in await session.Client.ListWebhooksAsync(cancellationToken))
            {
                await app.Output.WriteLineAsync($"{webhook.Id}\t{webhook.Url}\t{string.Join(' ', webhook.Events)}\t{(webhook.Enabled ? "enabled" : "disabled")}");
            }

            return ExitCodes.Ok;
        }));

        var removeId = new Argument<string>("ID") { Description = "The receiver's id." };
        var remove = new Command("remove", "Remove a receiver; nothing more is sent to it.") { removeId };
        remove.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var id = CliApp.ParseId(parse.GetValue(removeId), "webhook");
            await session.Client.RemoveWebhookAsync(id, cancellationToken);
            await app.Output.WriteLineAsync($"Removed {id}.");
            return ExitCodes.Ok;
        }));

        var deliveriesId = new Argument<string>("ID") { Description = "The receiver's id." };
        var deliveries = new Command("deliveries", "A receiver's delivery log, newest first, with every attempt.") { deliveriesId };
        deliveries.SetAction(app.WithSession(async (parse, session, cancellationToken) =>
        {
            var id = CliApp.ParseId(parse.GetValue(deliveriesId), "webhook");
            foreach (var delivery in await session.Client.ListWebhookDeliveriesAsync(id, cancellationToken: cancellationToken))
            {
                await app.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{delivery.Id}\t{delivery.Event}\t{delivery.VideoId}\t{delivery.Status}\t{delivery.Attempts} attempt(s)\tlast {delivery.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{delivery.CreatedAt:u}"));
                foreach (var attempt in delivery.AttemptLog)
                {
                    await app.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  #{attempt.Attempt} {attempt.At:u} {attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} {attempt.DurationMs} ms {attempt.Error}"));
                }
            }

            return ExitCodes.Ok;
        }));

        webhooks.Add(add);
        webhooks.Add(list);
        webhooks.Add(remove);
        webhooks.Add(deliveries);
        return webhooks;
    }
}
