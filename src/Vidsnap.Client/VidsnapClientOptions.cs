namespace Vidsnap.Client;

/// <summary>Where the server is, how to authenticate, and how long to wait.</summary>
public sealed class VidsnapClientOptions
{
    public Uri BaseAddress { get; set; } = new("http://localhost:8080");

    /// <summary>A vsk_... key: sent as the bearer token; no sign-in needed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>An access token from a previous sign-in, used until it is refused or expires.</summary>
    public string? AccessToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires; null when unknown.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>Swapped for a new access token when the current one is missing, expired or refused.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>
    /// Told of every new token pair. The refresh token is single-use: a caller that keeps it must keep the new one,
    /// or the next refresh fails (and using an old one again ends the session).
    /// </summary>
    public Func<TokenPairIssued, Task>? TokensIssued { get; set; }

    /// <summary>Every API call ends by this; a slow server is an error rather than a hang.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An upload or download fails when no byte moves for this long, however long it takes in total.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Parts of a multipart upload sent at once.</summary>
    public int PartConcurrency { get; set; } = 4;

    /// <summary>Tries per part (and per single upload) before giving up; waits 1, 2, 4... seconds between.</summary>
    public int UploadAttempts { get; set; } = 5;

    /// <summary>The first wait between upload tries; doubles each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a video is polled when its event stream cannot be read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock the stall timeout runs on; a test's fake clock makes a stall a decision rather than a race with a busy machine.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>For tests and proxies; the client does not dispose it.</summary>
    public HttpMessageHandler? Handler { get; set; }
}

/// <summary>A token pair just issued, with when its access token expires.</summary>
public sealed record TokenPairIssued(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken);
