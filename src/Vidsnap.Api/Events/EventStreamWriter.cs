using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Vidsnap.Api.Events;

/// <summary>Writes a response as a Server-Sent Events stream, each event sent as soon as it is written.</summary>
internal sealed class EventStreamWriter(HttpResponse response, JsonSerializerOptions json)
{
    public const string ContentType = "text/event-stream";

    /// <summary>Headers that keep caches and buffering proxies (nginx reads X-Accel-Buffering) from holding events back.</summary>
    public async Task StartAsync(TimeSpan retry, CancellationToken cancellationToken)
    {
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        await WriteAsync(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)retry.TotalMilliseconds}\n\n"), cancellationToken);
    }

    /// <summary>One event; its data is the value as one line of JSON, which never holds a raw line break.</summary>
    public Task EventAsync<T>(string type, long id, T data, CancellationToken cancellationToken) =>
        WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {id}\nevent: {type}\ndata: {JsonSerializer.Serialize(data, json)}\n\n"), cancellationToken);

    /// <summary>A comment line, which clients ignore: it only shows the connection is alive.</summary>
    public Task HeartbeatAsync(CancellationToken cancellationToken) => WriteAsync(": heartbeat\n\n", cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken) => response.Body.FlushAsync(cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }
}
