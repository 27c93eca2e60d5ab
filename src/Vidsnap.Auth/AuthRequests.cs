using System.ComponentModel;

namespace Vidsnap.Auth;

public sealed record RegisterRequest(
    [property: Description("Your email address; where Vidsnap writes when a video is done.")] string? Email,
    [property: Description("At least Auth:MinimumPasswordLength (8) characters, at most 1024.")] string? Password);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(
    [property: Description("The refresh token from sign-in or the last refresh; in cookie mode it comes from the vidsnap_refresh cookie instead.")] string? RefreshToken = null);

public sealed record RegisteredUser(Guid Id, string Email);

/// <summary>What a browser gets at login and refresh in cookie mode: the refresh token is in the cookie, not here.</summary>
public sealed record AccessTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record VerifyEmailRequest(string? Code = null);

public sealed record VerifiedEmail(string Email, DateTimeOffset VerifiedAt);

/// <summary>The public keys that sign access tokens, as RFC 7517 JSON Web Keys (EC P-256, ES256).</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<IReadOnlyDictionary<string, string>> Keys);
