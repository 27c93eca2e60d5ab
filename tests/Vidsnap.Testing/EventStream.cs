using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Vidsnap.Testing;

/// <summary>One Server-Sent Event as a client received it, and when.</summary>
public sealed record ServerSentEvent(string? Id, string Type, string Data, DateTimeOffset ReceivedAt)
{
    public JsonNode Json => JsonNode.Parse(Data)!;

    public string VideoId => Json["id"]!.GetValue<string>();

    public string? Status => Json["status"]?.GetValue<string>();

    public int? Progress => Json["progress"]?.GetValue<int>();

    /// <summary>When the change was made (its updatedAt); deleted events carry none.</summary>
    public DateTimeOffset? ChangedAt => Json["updatedAt"]?.GetValue<DateTimeOffset>();

    public long NumericId => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A client of a text/event-stream response, parsing it as the HTML standard says browsers do (id, event, data
/// fields; comments; a blank line dispatches), each event stamped with the moment it arrived.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly Channel<ServerSentEvent> events = Channel.CreateUnbounded<ServerSentEvent>();
    private readonly List<ServerSentEvent> received = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;
    private int comments;

    private EventStream(HttpResponseMessage response)
    {
        Response = response;
        reading = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Comment lines received so far (the server's heartbeats).</summary>
    public int Comments => Volatile.Read(ref comments);

    /// <summary>Every event received so far, in order.</summary>
    public IReadOnlyList<ServerSentEvent> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>The id of the last event with one, as a browser would send it in Last-Event-ID.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>True once the server ended the response.</summary>
    public bool Ended => reading.IsCompleted;

    /// <summary>Opens the stream; the response (a problem, when refused) is in <see cref="Response"/> either way.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string path, string? lastEventId = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response);
    }

    /// <summary>The next event, or a failure naming what came so far if none comes in time.</summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await events.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No event within {timeout}; received: {Describe(Received)}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The stream ended; received: {Describe(Received)}");
        }
    }

    /// <summary>Reads events until one matches; answers it with every event read on the way (it included).</summary>
    public async Task<List<ServerSentEvent>> ReadUntilAsync(Func<ServerSentEvent, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var read = new List<ServerSentEvent>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var next = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            read.Add(next);
            if (match(next))
            {
                return read;
            }
        }
    }

    public static string Describe(IEnumerable<ServerSentEvent> events) =>
        string.Join(", ", events.Select(e => $"[{e.Id}] {e.Type} {e.Data}"));

    public async ValueTask DisposeAsync()
    {
        // The read is cancelled first, so the response is never disposed under it.
        await stop.CancelAsync();
        await reading;
        Response.Dispose();
        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            if (Response.StatusCode != HttpStatusCode.OK)
            {
                return;
            }

            await using var body = await Response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(body, Encoding.UTF8);
            string? id = null, type = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        var received = new ServerSentEvent(id, type ?? "message", data.ToString().TrimEnd('\n'), DateTimeOffset.UtcNow);
                        lock (this.received)
                        {
                            this.received.Add(received);
                        }

                        LastEventId = id;
                        events.Writer.TryWrite(received);
                    }

                    type = null;
                    data.Clear();
                    continue;
                }

                if (line.StartsWith(':'))
                {
                    Interlocked.Increment(ref comments);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
                switch (field)
                {
                    case "id":
                        id = value;
                        break;
                    case "event":
                        type = value;
                        break;
                    case "data":
                        data.Append(value).Append('\n');
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }
}
