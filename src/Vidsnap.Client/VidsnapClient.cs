using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vidsnap.Client.Models;

namespace Vidsnap.Client;

/// <summary>
/// A client of the Vidsnap HTTP API. Authenticates with an API key, or with an access token it refreshes from
/// a refresh token; every call ends by <see cref="VidsnapClientOptions.RequestTimeout"/>; a problem answer
/// throws <see cref="VidsnapProblemException"/>. Pre-signed URLs are followed as given, without credentials.
/// </summary>
public sealed partial class VidsnapClient : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);
    private readonly HttpClient api;
    private readonly HttpClient transfer;
    private readonly HttpMessageHandler? ownedHandler;
    private readonly SemaphoreSlim refreshing = new(1, 1);

    public VidsnapClient(VidsnapClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var handler = options.Handler;
        if (handler is null)
        {
            // Redirects are not followed: a pre-signed URL is the final address, and credentials must not travel on.
            ownedHandler = handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        }

        // Timeouts are per call (and per stall for transfers), never HttpClient's one total.
        api = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        transfer = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public VidsnapClientOptions Options { get; }

    public void Dispose()
    {
        api.Dispose();
        transfer.Dispose();
        ownedHandler?.Dispose();
        refreshing.Dispose();
    }

    /// <summary>Signs in with email and password; the tokens are kept for the calls that follow and handed to <see cref="VidsnapClientOptions.TokensIssued"/>.</summary>
    public async Task<TokenResponse> LoginAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var tokens = await SendJsonAsync<TokenResponse>(HttpMethod.Post, "/auth/login", new { email, password }, cancellationToken, authenticated: false).ConfigureAwait(false);
        await KeepAsync(tokens).ConfigureAwait(false);
        return tokens;
    }

    /// <summary>Swaps the refresh token for a new pair; the old one stops working.</summary>
    public async Task<TokenResponse> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var refreshToken = Options.RefreshToken ?? throw new VidsnapNotSignedInException("There is no refresh token to refresh with; sign in first.");
        var tokens = await SendJsonAsync<TokenResponse>(HttpMethod.Post, "/auth/refresh", new { refreshToken }, cancellationToken, authenticated: false).ConfigureAwait(false);
        await KeepAsync(tokens).ConfigureAwait(false);
        return tokens;
    }

    /// <summary>Ends the session of the refresh token held; already ended is fine.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (Options.RefreshToken is { } refreshToken)
        {
            await SendAsync(HttpMethod.Post, "/auth/logout", new { refreshToken }, cancellationToken, authenticated: false).ConfigureAwait(false);
        }

        Options.RefreshToken = null;
        Options.AccessToken = null;
    }

    public Task<RegisteredUser> RegisterAsync(string email, string password, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RegisteredUser>(HttpMethod.Post, "/auth/register", new { email, password }, cancellationToken, authenticated: false);

    private async Task KeepAsync(TokenResponse tokens)
    {
        Options.AccessToken = tokens.AccessToken;
        Options.AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn);
        Options.RefreshToken = tokens.RefreshToken;
        if (Options.TokensIssued is { } issued)
        {
            await issued(new TokenPairIssued(tokens.AccessToken, Options.AccessTokenExpiresAt.Value, tokens.RefreshToken)).ConfigureAwait(false);
        }
    }

    internal async Task<T> SendJsonAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool authenticated = true, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await SendAsync(method, path, body, authenticated, HttpCompletionOption.ResponseContentRead, timeout.Token, headers).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<T>(VidsnapJson.Options, timeout.Token).ConfigureAwait(false)
                ?? throw new VidsnapProblemException((int)response.StatusCode, "Empty answer", $"{method} {path} answered no body.", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(method, path);
        }
    }

    internal async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool authenticated = true)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await SendAsync(method, path, body, authenticated, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(method, path);
        }
    }

    /// <summary>A successful response (the caller disposes it); a problem throws. A refused access token is refreshed once.</summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, bool authenticated, HttpCompletionOption completion, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var token = authenticated ? await BearerAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false) : null;
        var response = await SendOnceAsync(method, path, body, token, completion, headers, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && authenticated && Options.ApiKey is null && Options.RefreshToken is not null)
        {
            response.Dispose();
            token = await BearerAsync(forceRefresh: true, cancellationToken, refused: token).ConfigureAwait(false);
            response = await SendOnceAsync(method, path, body, token, completion, headers, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw VidsnapProblemException.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpMethod method, string path, object? body, string? token, HttpCompletionOption completion, IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: VidsnapJson.Options);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await api.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bearer token to send: the API key, the access token while it lasts, or a fresh one from the refresh token.</summary>
    private async Task<string> BearerAsync(bool forceRefresh, CancellationToken cancellationToken, string? refused = null)
    {
        if (Options.ApiKey is { } key)
        {
            return key;
        }

        if (!forceRefresh && Usable())
        {
            return Options.AccessToken!;
        }

        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed while this one waited: the refresh token is single-use, so use its result.
            if (Usable() && Options.AccessToken != refused)
            {
                return Options.AccessToken!;
            }

            if (Options.RefreshToken is null)
            {
                throw new VidsnapNotSignedInException(Options.AccessToken is null
                    ? "Not signed in: sign in or give an API key."
                    : "The access token expired and there is no refresh token; sign in again.");
            }

            return (await RefreshAsync(cancellationToken).ConfigureAwait(false)).AccessToken;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private bool Usable() =>
        Options.AccessToken is not null && (Options.AccessTokenExpiresAt is not { } expires || expires - ExpiryMargin > DateTimeOffset.UtcNow);

    /// <summary>A pre-signed URL as given: absolute, or relative to the server (the embedded store).</summary>
    internal Uri Resolve(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : new Uri(Options.BaseAddress, url);

    internal HttpClient Transfer => transfer;

    private TimeoutException TimedOut(HttpMethod method, string path) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{method} {path} got no answer within {Options.RequestTimeout.TotalSeconds:0.#} s from {Options.BaseAddress}."));
}
