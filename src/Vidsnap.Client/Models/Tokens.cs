namespace Vidsnap.Client.Models;

/// <summary>What /auth/login and /auth/refresh answer a non-browser client: the refresh token is in the body, single-use.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken, string TokenType);

public sealed record RegisteredUser(Guid Id, string Email);
