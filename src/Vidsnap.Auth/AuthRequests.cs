namespace Vidsnap.Auth;

public sealed record RegisterRequest(string? Email, string? Password);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record RegisteredUser(Guid Id, string Email);

/// <summary>What a browser gets at login and refresh in cookie mode: the refresh token is in the cookie, not here.</summary>
public sealed record AccessTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record VerifyEmailRequest(string? Code);

public sealed record VerifiedEmail(string Email, DateTimeOffset VerifiedAt);
