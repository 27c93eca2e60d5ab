using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vidsnap.AccessTokens.ApiKeys;

public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The scheme that reads the Authorization header and hands it to the access-token or the API-key handler.</summary>
    public const string BearerOrKey = "BearerOrApiKey";

    /// <summary>A bearer credential that is an API key rather than an access token (JWTs never start with the marker).</summary>
    public static bool IsApiKey(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer " + ApiKeySecret.Marker, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Authenticates "Authorization: Bearer vsk_..." as the key's owner, limited to the key's scopes.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyLookup lookup)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!ApiKeyAuthentication.IsApiKey(header))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!ApiKeySecret.LooksLikeOne(secret))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var key = await lookup.FindAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        List<Claim> claims =
        [
            new("sub", key.UserId.ToString()),
            new("email", key.OwnerEmail),
            new("key_id", key.KeyId.ToString()),
            .. key.Scopes.Select(s => new Claim(Scopes.Claim, s)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme, "email", null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthentication.Scheme));
    }
}
