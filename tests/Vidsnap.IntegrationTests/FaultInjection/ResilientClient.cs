using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>
/// A client that behaves as a patient user while servers die under it: every call is retried on a refused
/// connection, a timeout or a 5xx until a deadline. A video counts as acknowledged once `complete` said 202.
/// </summary>
public sealed class ResilientClient(Uri gateway, FaultReport report) : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);
    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
    private readonly HttpClient storage = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        http.Dispose();
        storage.Dispose();
    }

    /// <summary>Signs up, in, and verifies the address from the email the server sent, retrying through kills as a patient person would.</summary>
    public async Task SignInAsync(string email, string password, string mailDirectory)
    {
        using (var register = await SendAsync(() => Post("/auth/register", new { email, password })))
        {
            Assert.True(register.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"register: {register.StatusCode}");
        }

        using var login = await SendAsync(() => Post("/auth/login", new { email, password }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await ApiClient.Json(login))["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var code = await VerificationEmails.WaitForCodeAsync(mailDirectory, email, GiveUpAfter);
        using var verified = await SendAsync(() => Post("/auth/verify-email", new { code }));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    /// <summary>Create, upload, complete. Answers the video id once `complete` is acknowledged, or null if it never was.</summary>
    public async Task<string?> SubmitAsync(byte[] bytes, string fileName)
    {
        var options = new { mode = "interval", intervalSeconds = 1 };
        using var created = await SendAsync(() => Post("/api/videos", new { fileName, contentType = "video/mp4", sizeBytes = bytes.Length, options }));
        if (created.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var video = await ApiClient.Json(created);
        var id = video["id"]!.GetValue<string>();
        for (var round = 0; round < 5; round++)
        {
            await UploadAsync(video["upload"]!, bytes);
            using var complete = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/videos/{id}/complete"));
            if (complete.StatusCode == HttpStatusCode.Accepted)
            {
                return id;
            }

            if (complete.StatusCode != HttpStatusCode.Conflict)
            {
                return null;
            }

            // 409: the upload did not land (its server died under it); send it again.
        }

        return null;
    }

    public async Task<JsonNode?> GetVideoAsync(string id)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/videos/{id}"));
        return response.StatusCode == HttpStatusCode.OK ? await ApiClient.Json(response) : null;
    }

    public async Task<byte[]?> DownloadZipAsync(string id)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/videos/{id}/download"));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var url = (await ApiClient.Json(response))["url"]!.GetValue<string>();
        using var zip = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, url)), storage);
        return zip.StatusCode == HttpStatusCode.OK ? await zip.Content.ReadAsByteArrayAsync() : null;
    }

    private async Task UploadAsync(JsonNode upload, byte[] bytes)
    {
        using var response = await SendAsync(() => ApiClient.UploadRequest(upload, bytes, gateway), storage);
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                using var message = request();
                var response = await (client ?? http).SendAsync(message);
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && DateTime.UtcNow < deadline)
            {
            }

            lock (report)
            {
                report.ClientRetries++;
            }

            await Task.Delay(300);
        }
    }
}
