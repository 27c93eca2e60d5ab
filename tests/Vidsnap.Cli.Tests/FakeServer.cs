using System.Collections.Concurrent;
using System.Net;

namespace Vidsnap.Cli.Tests;

/// <summary>A handler that answers each request with what the test says, and records what it was sent.</summary>
internal sealed class FakeServer(Func<HttpRequestMessage, byte[], int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, int> tries = new(StringComparer.Ordinal);

    public ConcurrentQueue<(HttpMethod Method, Uri Url, string? Authorization, byte[] Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var url = request.RequestUri!;
        Requests.Enqueue((request.Method, url, request.Headers.Authorization?.ToString(), body));
        var attempt = tries.AddOrUpdate($"{request.Method} {url}", 1, (_, n) => n + 1);
        return answer(request, body, attempt);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, mediaType) };
}
