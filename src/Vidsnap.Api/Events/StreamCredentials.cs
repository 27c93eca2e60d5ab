using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens.ApiKeys;

namespace Vidsnap.Api.Events;

/// <summary>
/// A stream outlives the request check that let it in, so it ends when its credentials would be refused: an access
/// token at its expiry, an API key once it is revoked (seen within <see cref="ApiKeyOptions.CacheSeconds"/>, as
/// every other request with it). The client reconnects with good credentials and its last event id.
/// </summary>
internal static class StreamCredentials
{
    /// <summary>When the access token expires; null for an API key, which is watched instead.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;

    /// <summary>Cancels <paramref name="stop"/> when the request's API key is no longer valid; returns at once for an access token.</summary>
    public static async Task WatchKeyAsync(HttpContext httpContext, CancellationTokenSource stop)
    {
        if (httpContext.User.Identity?.AuthenticationType != ApiKeyAuthentication.Scheme)
        {
            return;
        }

        var secret = httpContext.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var services = httpContext.RequestServices;
        var lookup = services.GetRequiredService<ApiKeyLookup>();
        var every = TimeSpan.FromSeconds(Math.Max(1, services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.CacheSeconds));
        using var timer = new PeriodicTimer(every, services.GetRequiredService<TimeProvider>());
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (await lookup.FindAsync(secret, stop.Token) is null)
                {
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended first.
        }
    }
}
