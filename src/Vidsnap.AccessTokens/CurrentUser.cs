using System.Security.Claims;

namespace Vidsnap.AccessTokens;

/// <summary>The person a request acts for, whether it came with their access token or with one of their API keys.</summary>
public static class CurrentUser
{
    public static Guid Id(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : throw new UnauthorizedAccessException("The token has no subject.");
    }

    public static string Email(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue("email") ?? throw new UnauthorizedAccessException("The token has no email.");
    }
}
