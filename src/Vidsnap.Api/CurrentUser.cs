using System.Security.Claims;

namespace Vidsnap.Api;

internal static class CurrentUser
{
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : throw new UnauthorizedAccessException("The token has no subject.");

    public static string Email(this ClaimsPrincipal user) =>
        user.FindFirstValue("email") ?? throw new UnauthorizedAccessException("The token has no email.");
}
