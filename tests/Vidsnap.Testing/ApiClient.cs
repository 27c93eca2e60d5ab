using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vidsnap.Testing;

/// <summary>A user of the public HTTP contract, as a client program would be.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public string? Email { get; private set; }

    public string? RefreshToken { get; private set; }

    public void Dispose() => Http.Dispose();

    /// <summary>Signs up and in; with the server's mail directory, also verifies the address from the email it sent, as a person would.</summary>
    public async Task RegisterAndLoginAsync(string email, string password, string? mailDirectory = null)
    {
        using var register = await Http.PostAsJsonAsync("/auth/register", new { email, password });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        using var login = await Http.PostAsJsonAsync("/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await Json(login);
        UseToken(tokens["accessToken"]!.GetValue<string>());
        RefreshToken = tokens["refreshToken"]!.GetValue<string>();
        Email = email;
        if (mailDirectory is not null)
        {
            await VerifyEmailAsync(mailDirectory);
        }
    }

    /// <summary>Finds the verification email sent to this client's address and gives the server its code.</summary>
    public async Task VerifyEmailAsync(string mailDirectory, TimeSpan? timeout = null)
    {
        var code = await VerificationEmails.WaitForCodeAsync(mailDirectory, Email!, timeout);
        using var verified = await Http.PostAsJsonAsync("/auth/verify-email", new { code });
        Assert.True(verified.StatusCode == HttpStatusCode.OK, (await Json(verified)).ToJsonString());
    }

    public void UseToken(string? token) =>
        Http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Makes an API key with these scopes (as the signed-in person) and answers its secret.</summary>
    public async Task<string> CreateApiKeyAsync(params string[] scopes)
    {
        using var response = await Http.PostAsJsonAsync("/api/keys", new { name = $"test {Guid.NewGuid():N}", scopes });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["secret"]!.GetValue<string>();
    }

    /// <summary>Another client of the same server that presents only this API key.</summary>
    public ApiClient WithApiKey(string secret)
    {
        var client = new ApiClient(new HttpClient { BaseAddress = Http.BaseAddress });
        client.UseToken(secret);
        return client;
    }

    /// <summary>Creates the video and answers the whole 201 body.</summary>
    public async Task<JsonNode> CreateVideoAsync(string fileName, long size, object? options = null, string contentType = "video/mp4")
    {
        using var response = await Http.PostAsJsonAsync("/api/videos", new { fileName, contentType, sizeBytes = size, options });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    /// <summary>Sends the bytes to the upload slot exactly as the slot says: method, URL, headers.</summary>
    public async Task<HttpResponseMessage> UploadAsync(JsonNode created, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(created);
        using var request = UploadRequest(created["upload"]!, content);
        using var anonymous = new HttpClient();
        return await anonymous.SendAsync(request);
    }

    /// <summary>The request an upload slot describes; a relative slot URL is resolved against baseAddress.</summary>
    public static HttpRequestMessage UploadRequest(JsonNode upload, byte[] content, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var url = upload["url"]!.GetValue<string>();
        var request = new HttpRequestMessage(new HttpMethod(upload["method"]!.GetValue<string>()), baseAddress is null ? new Uri(url, UriKind.RelativeOrAbsolute) : new Uri(baseAddress, url))
        {
            Content = new ByteArrayContent(content),
        };
        foreach (var (name, value) in upload["headers"]!.AsObject())
        {
            // Content-Type is the content's header, If-None-Match the request's: a browser sends both.
            if (!request.Content.Headers.TryAddWithoutValidation(name, value!.GetValue<string>()))
            {
                request.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
            }
        }

        return request;
    }

    public Task<HttpResponseMessage> CompleteAsync(string id) => Http.PostAsync($"/api/videos/{id}/complete", null);

    /// <summary>Create, upload, complete: the video is Queued when this returns.</summary>
    public async Task<string> SubmitAsync(string path, object? options = null)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var created = await CreateVideoAsync(Path.GetFileName(path), bytes.Length, options);
        using (var upload = await UploadAsync(created, bytes))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        var id = created["id"]!.GetValue<string>();
        using var complete = await CompleteAsync(id);
        Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);
        return id;
    }

    public async Task<JsonNode> GetVideoAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/videos/{id}");
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public async Task<JsonNode> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null, Func<JsonNode, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var video = await GetVideoAsync(id);
            if (video["status"]!.GetValue<string>() == status && (also is null || also(video)))
            {
                return video;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Video {id} did not reach {status}: {video.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The stream of all this user's videos, or of one; resuming after <paramref name="lastEventId"/> when given.</summary>
    public Task<EventStream> OpenEventsAsync(string? videoId = null, string? lastEventId = null) =>
        EventStream.OpenAsync(Http, videoId is null ? "/api/videos/events" : $"/api/videos/{videoId}/events", lastEventId);

    public async Task<byte[]> DownloadZipAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/videos/{id}/download");
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        using var anonymous = new HttpClient();
        return await anonymous.GetByteArrayAsync(body["url"]!.GetValue<string>());
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject { ["raw"] = text };
        }
    }
}
