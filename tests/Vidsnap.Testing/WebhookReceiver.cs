using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vidsnap.Testing;

/// <summary>One request a receiver got: its Standard Webhooks headers, its body, what it answered.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, int Answered, DateTimeOffset At);

/// <summary>
/// A system's webhook receiver on 127.0.0.1: records every request and answers what <see cref="Answer"/> says
/// (200 unless a test makes it fail for a while).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status code to answer the next request with.</summary>
    public Func<int> Answer { get; set; } = () => StatusCodes.Status200OK;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver.Answer();
            receiver.Received.Enqueue(new ReceivedWebhook(
                context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body, status, DateTimeOffset.UtcNow));
            return Results.StatusCode(status);
        });
        app.MapPost("/moved", () => Results.Redirect("/hooks", permanent: false, preserveMethod: true));
        await app.StartAsync();
        var address = app.Urls.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>Waits until a request satisfying <paramref name="match"/> has come.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No matching webhook; received {Received.Count}: {string.Join(" | ", Received.Select(r => $"{r.Id} {r.Answered}"))}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
