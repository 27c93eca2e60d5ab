using Vidsnap.Client;

namespace Vidsnap.Cli.Settings;

/// <summary>
/// A client for the server this run talks to, authenticated by VIDSNAP_API_KEY or by the credentials login
/// stored; every new token pair is stored at once, since the refresh token it replaces no longer works.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private CliSession(Uri server, CredentialStore credentials, VidsnapClient client, string configDirectory)
    {
        Server = server;
        Credentials = credentials;
        Client = client;
        ConfigDirectory = configDirectory;
    }

    public Uri Server { get; }

    public CredentialStore Credentials { get; }

    public VidsnapClient Client { get; }

    public string ConfigDirectory { get; }

    public static CliSession Open(CliEnvironment environment, string? url, double? timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var server = environment.ServerUrl(url);
        var credentials = new CredentialStore(environment.ConfigDirectory);
        var options = new VidsnapClientOptions { BaseAddress = server };
        if (timeoutSeconds is { } seconds)
        {
            if (seconds <= 0 || !double.IsFinite(seconds))
            {
                throw new UsageException("--timeout is a positive number of seconds.");
            }

            options.RequestTimeout = TimeSpan.FromSeconds(seconds);
            options.StallTimeout = TimeSpan.FromSeconds(Math.Max(seconds, 10));
        }

        // A key, when given, is what calls are made with; the stored session is still there for logout to end.
        options.ApiKey = environment.ApiKey;
        string? email = null;
        if (credentials.Read(server) is { } stored)
        {
            email = stored.Email;
            options.RefreshToken = stored.RefreshToken;
            options.AccessToken = stored.AccessToken;
            options.AccessTokenExpiresAt = stored.AccessTokenExpiresAt;
        }

        var session = new CliSession(server, credentials, new VidsnapClient(options), environment.ConfigDirectory) { Email = email };
        options.TokensIssued = issued =>
        {
            credentials.Save(server, new StoredCredentials(session.Email ?? string.Empty, issued.RefreshToken, issued.AccessToken, issued.AccessTokenExpiresAt));
            return Task.CompletedTask;
        };
        return session;
    }

    /// <summary>Whose credentials these are, as login was told.</summary>
    public string? Email { get; set; }

    public void Dispose() => Client.Dispose();
}
