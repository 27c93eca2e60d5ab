using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Vidsnap.Auth;

/// <summary>
/// Marks a browser that signed in to an account before (OWASP's "device cookie"). Its failed sign-ins are
/// counted apart from everyone else's, so a stranger who locks the account does not lock out its owner's
/// own browser. The value is signed and encrypted by Data Protection and names the account it was issued for,
/// so a cookie from one account counts nothing for another and a forged one is simply absent.
/// </summary>
public sealed class DeviceCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "vidsnap_device";
    private const string Path = "/auth";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Vidsnap.Auth.DeviceCookie").ToTimeLimitedDataProtector();

    /// <summary>The device this browser is for <paramref name="email"/>, or null when it never signed in to it (or the cookie is forged or expired).</summary>
    public string? DeviceFor(HttpRequest request, string email)
    {
        if (request.Cookies[Name] is not { Length: > 0 and < 1024 } value)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(value, out var expires).Split('\n');
            return parts.Length == 2 && parts[0] == email && expires > time.GetUtcNow() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>After a successful sign-in: keeps the browser's device, or gives it one, for another <see cref="Lifetime"/>.</summary>
    public void Issue(HttpContext context, string email, string? device, AuthOptions options)
    {
        device ??= Guid.NewGuid().ToString("N");
        var expires = time.GetUtcNow().Add(Lifetime);
        context.Response.Cookies.Append(Name, protector.Protect($"{email}\n{device}", expires), new CookieOptions
        {
            HttpOnly = true,
            Secure = options.SecureCookie ?? RefreshCookie.IsHttps(context.Request),
            SameSite = SameSiteMode.Strict,
            Path = Path,
            Expires = expires,
            IsEssential = true,
        });
    }
}
