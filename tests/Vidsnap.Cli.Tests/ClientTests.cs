using System.Net;
using System.Net.Http.Headers;
using Vidsnap.Client;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Tests;

public sealed class ClientTests : IDisposable
{
    private readonly string file = Path.GetTempFileName();
    private readonly byte[] content = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i % 251))];

    public ClientTests() => File.WriteAllBytes(file, content);

    public void Dispose() => File.Delete(file);

    private static VidsnapClient ClientOf(FakeServer server, Action<VidsnapClientOptions>? change = null)
    {
        var options = new VidsnapClientOptions { BaseAddress = new Uri("http://api.test/"), ApiKey = "vsk_test", Handler = server, RetryDelay = TimeSpan.FromMilliseconds(1) };
        change?.Invoke(options);
        return new VidsnapClient(options);
    }

    private static UploadPart Part(int number, long offset, long size, string? eTag = null) =>
        new(number, offset, size, $"http://store.test/key?part={number}") { ETag = eTag };

    [Fact]
    public async Task Multipart_sends_only_missing_parts_retries_a_failed_one_and_reports_every_etag_in_order()
    {
        using var server = new FakeServer((request, body, attempt) =>
        {
            var part = request.RequestUri!.Query.Split('=')[1];
            if (part == "2" && attempt == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            var ok = new HttpResponseMessage(HttpStatusCode.OK);
            ok.Headers.ETag = new EntityTagHeaderValue($"\"etag-{part}-{body.Length}\"");
            return ok;
        });
        using var client = ClientOf(server);
        long reported = 0;
        var slot = new UploadSlot("PUT", null, null, DateTimeOffset.UtcNow.AddMinutes(5))
        {
            Parts = [Part(1, 0, 300, "\"stored-1\""), Part(2, 300, 300), Part(3, 600, 300), Part(4, 900, 100)],
        };

        var parts = await client.UploadFileAsync(slot, file, n => Interlocked.Add(ref reported, n));

        Assert.Equal(["\"stored-1\"", "\"etag-2-300\"", "\"etag-3-300\"", "\"etag-4-100\""], parts.Select(p => p.ETag));
        Assert.Equal([1, 2, 3, 4], parts.Select(p => p.PartNumber));
        var puts = server.Requests.Where(r => r.Url.Host == "store.test").ToList();
        Assert.DoesNotContain(puts, p => p.Url.Query == "?part=1");
        Assert.Equal(2, puts.Count(p => p.Url.Query == "?part=2"));
        Assert.All(puts, p => Assert.Null(p.Authorization));
        var third = puts.Single(p => p.Url.Query == "?part=3");
        Assert.Equal(content[600..900], third.Body);
        Assert.Equal(content.Length, reported);
    }

    [Fact]
    public async Task A_refused_part_is_not_retried_and_surfaces_as_a_problem()
    {
        using var server = new FakeServer((_, _, _) => FakeServer.Json(HttpStatusCode.Forbidden, """{"title":"Storage access denied","status":403}""", "application/problem+json"));
        using var client = ClientOf(server);
        var slot = new UploadSlot("PUT", null, null, DateTimeOffset.UtcNow) { Parts = [Part(1, 0, 1000)] };

        var problem = await Assert.ThrowsAsync<VidsnapProblemException>(() => client.UploadFileAsync(slot, file));

        Assert.Equal(403, problem.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_single_upload_follows_a_relative_url_against_the_server_with_the_slot_headers()
    {
        using var server = new FakeServer((_, _, _) => new HttpResponseMessage(HttpStatusCode.OK));
        using var client = ClientOf(server);
        var slot = new UploadSlot("PUT", "/storage/u/v/source?sig=1", new Dictionary<string, string> { ["Content-Type"] = "video/mp4" }, DateTimeOffset.UtcNow);

        Assert.Empty(await client.UploadFileAsync(slot, file));

        var put = Assert.Single(server.Requests);
        Assert.Equal(new Uri("http://api.test/storage/u/v/source?sig=1"), put.Url);
        Assert.Equal(content, put.Body);
        Assert.Null(put.Authorization);
    }

    [Fact]
    public async Task Problem_details_become_a_typed_exception_with_the_fields_in_error()
    {
        using var server = new FakeServer((_, _, _) => FakeServer.Json(HttpStatusCode.BadRequest,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The video request is not valid.","status":400,"errors":{"options.count":["The count must be a whole number from 1 to 10000."]}}""",
            "application/problem+json"));
        using var client = ClientOf(server);

        var problem = await Assert.ThrowsAsync<VidsnapProblemException>(() => client.CreateVideoAsync(new CreateVideoRequest("a.mp4", "video/mp4", 10)));

        Assert.Equal(400, problem.Status);
        Assert.Equal("The video request is not valid.", problem.Title);
        Assert.Equal(["The count must be a whole number from 1 to 10000."], problem.Errors["options.count"]);
        Assert.Equal("Bearer vsk_test", server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task A_refused_access_token_is_refreshed_once_and_the_new_pair_handed_over()
    {
        TokenPairIssued? issued = null;
        using var server = new FakeServer((request, _, _) => request.RequestUri!.AbsolutePath switch
        {
            "/auth/refresh" => FakeServer.Json(HttpStatusCode.OK, """{"accessToken":"new-access","expiresIn":900,"refreshToken":"new-refresh","tokenType":"Bearer"}"""),
            _ when request.Headers.Authorization?.Parameter == "new-access" => FakeServer.Json(HttpStatusCode.OK, """{"items":[],"nextCursor":null}"""),
            _ => new HttpResponseMessage(HttpStatusCode.Unauthorized),
        });
        using var client = ClientOf(server, o =>
        {
            o.ApiKey = null;
            o.AccessToken = "old-access";
            o.RefreshToken = "old-refresh";
            o.TokensIssued = pair => { issued = pair; return Task.CompletedTask; };
        });

        var page = await client.ListVideosAsync();

        Assert.Empty(page.Items);
        Assert.Equal("new-refresh", issued!.RefreshToken);
        Assert.Equal(["Bearer old-access", null, "Bearer new-access"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_call_that_gets_no_answer_times_out()
    {
        using var hanging = new HangingHandler();
        using var client = new VidsnapClient(new VidsnapClientOptions { BaseAddress = new Uri("http://api.test/"), ApiKey = "vsk_x", Handler = hanging, RequestTimeout = TimeSpan.FromMilliseconds(200) });

        await Assert.ThrowsAsync<TimeoutException>(() => client.GetVideoAsync(Guid.NewGuid()));
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
