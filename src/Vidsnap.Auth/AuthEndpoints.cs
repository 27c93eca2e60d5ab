using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Auth.Data;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

internal static class AuthEndpoints
{
    private const string CookieMode = "With the header `X-Vidsnap-Session: cookie` (the web app), the refresh token is the HttpOnly "
        + "`vidsnap_refresh` cookie instead of a JSON field: answers leave it out and requests may omit it.";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").AllowAnonymous().WithTags("Auth");
        auth.MapPost("/register", RegisterAsync)
            .WithName("register").WithSummary("Create an account")
            .WithDescription("Answers the same, in the same time, whether or not the address has an account: a new address gets a "
                + "verification code by email, a known one's owner is told of the attempt. Signing in works before verification.")
            .Produces<RegisteredUser>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync)
            .WithName("login").WithSummary("Sign in")
            .WithDescription("Answers a short-lived access token (send it as `Authorization: Bearer`) and a single-use refresh token. "
                + "Five failures in a row pause an email's sign-ins (429 with `Retry-After`); the gateway also limits sign-ins per address. " + CookieMode)
            .Produces<TokenPair>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("refreshToken").WithSummary("Swap a refresh token for new tokens")
            .WithDescription("The refresh token used stops working; using it again revokes the whole session. " + CookieMode)
            .Produces<TokenPair>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapPost("/logout", LogoutAsync)
            .WithName("logout").WithSummary("Sign out")
            .WithDescription("That session's refresh tokens stop working; saying it twice is fine. " + CookieMode)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapPost("/verify-email", VerifyEmailAsync)
            .WithName("verifyEmail").WithSummary("Verify an email address with the code it was sent")
            .WithDescription("Until its address is verified an account is sent nothing but the code. A wrong, used or expired code is a 400 problem.")
            .Produces<VerifiedEmail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Not in the anonymous group: AllowAnonymous there would outrank the scope and let anyone in.
        routes.MapGroup("/auth").WithTags("Auth").MapPost("/resend-verification", ResendVerificationAsync).RequireAuthorization(Scopes.KeysManage)
            .WithName("resendVerification").WithSummary("Send a new verification code")
            .WithDescription("For the signed-in person; a few an hour at most. Already verified: 200 with the address.")
            .Produces(StatusCodes.Status202Accepted)
            .Produces<VerifiedEmail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapGet("/.well-known/jwks.json", async (SigningKeyStore keys, CancellationToken ct) => Results.Ok(await keys.GetJwksAsync(ct)))
            .WithName("getSigningKeys").WithSummary("Public keys that sign access tokens (JWKS)")
            .WithDescription("Keys that sign now, will sign soon, or signed tokens that have not expired; validate access tokens against these only.")
            .Produces<JsonWebKeySetResponse>();
        return routes;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterRequest request, VidsnapDbContext db, PasswordHasher hasher, EmailVerificationService verification, HttpContext http,
        IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        // One message per field, in a person's words: the web app shows each under its field.
        var errors = new Dictionary<string, string[]>();
        var email = NormalizeEmail(request.Email);
        if (email is null)
        {
            errors["email"] = [string.IsNullOrWhiteSpace(request.Email) ? "Enter your email address." : "Enter an email address such as name@example.com."];
        }

        if (PasswordProblem(request.Password, options.Value.MinimumPasswordLength) is { } weak)
        {
            errors["password"] = [weak];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Your account could not be created yet");
        }

        // Both answers below cost a password hash and a write, so neither the answer nor its time tells whether the
        // address has an account; its owner learns of the attempt by email instead.
        var passwordHash = hasher.Hash(request.Password!);
        var now = time.GetUtcNow();
        var existing = await db.Users().SingleOrDefaultAsync(u => u.Email == email, ct);
        if (existing is null)
        {
            var user = new User { Id = Guid.NewGuid(), Email = email!, PasswordHash = passwordHash, CreatedAt = now };
            db.Users().Add(user);
            await verification.SendCodeAsync(user, http.Request, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return Registered(user.Id, user.Email);
            }
            catch (DbUpdateException)
            {
                // The same address registered at the same moment: answer as for a known one.
                db.ChangeTracker.Clear();
                existing = await db.Users().SingleAsync(u => u.Email == email, ct);
            }
        }

        if (existing.EmailVerifiedAt is null)
        {
            // Not proved yet: the owner may have lost the first code, and a code says nothing to anyone else.
            await verification.SendCodeAsync(existing, http.Request, ct);
        }
        else if (existing.SignupAttemptNoticeAt is null || existing.SignupAttemptNoticeAt < now.AddDays(-1))
        {
            existing.SignupAttemptNoticeAt = now;
            db.Publish(new AccountEmailRequest(Guid.NewGuid(), existing.Id, existing.Email, AccountEmailKinds.SignupAttempt, null, null, now));
        }

        await db.SaveChangesAsync(ct);
        return Registered(Guid.NewGuid(), email!);
    }

    /// <summary>Verifies the address a code was sent to. A wrong, used or expired code is a problem, never a 2xx.</summary>
    private static async Task<IResult> VerifyEmailAsync(VerifyEmailRequest request, EmailVerificationService verification, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 100 ? null : await verification.VerifyAsync(request.Code.Trim(), ct);
        return user is null
            ? Results.Problem(title: "Invalid verification code", statusCode: StatusCodes.Status400BadRequest,
                detail: "The code is wrong, already used or more than a day old. Sign in and ask for a new one (POST /auth/resend-verification).")
            : Results.Ok(new VerifiedEmail(user.Email, user.EmailVerifiedAt!.Value));
    }

    /// <summary>Another code for the signed-in person, a few an hour at most.</summary>
    private static async Task<IResult> ResendVerificationAsync(
        ClaimsPrincipal principal, HttpContext http, VidsnapDbContext db, EmailVerificationService verification, CancellationToken ct)
    {
        var id = principal.Id();
        var user = await db.Users().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Results.Problem(title: "Account not found", statusCode: StatusCodes.Status404NotFound);
        }

        if (user.EmailVerifiedAt is { } verified)
        {
            return Results.Ok(new VerifiedEmail(user.Email, verified));
        }

        if (!await verification.SendCodeAsync(user, http.Request, ct))
        {
            http.Response.Headers.RetryAfter = "3600";
            return Results.Problem(title: "Too many verification emails", statusCode: StatusCodes.Status429TooManyRequests,
                detail: "A few verification emails an hour at most go to one account. Use the newest one, or try again in an hour.");
        }

        await db.SaveChangesAsync(ct);
        return Results.Accepted();
    }

    private static IResult Registered(Guid id, string email) => Results.Created($"/auth/users/{id}", new RegisteredUser(id, email));

    private static async Task<IResult> LoginAsync(
        LoginRequest request, VidsnapDbContext db, PasswordHasher hasher, TokenService tokens, LoginLockout lockout, DeviceCookie devices,
        HttpContext http, IOptions<AuthOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            // Blank fields say nothing about any account: answered at once, one message per field.
            var blank = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email))
            {
                blank["email"] = ["Enter your email address."];
            }

            if (string.IsNullOrEmpty(request.Password))
            {
                blank["password"] = ["Enter your password."];
            }

            return Results.ValidationProblem(blank, title: "Enter your email address and password");
        }

        var email = NormalizeEmail(request.Email);
        var password = request.Password;
        if (email is null)
        {
            _ = hasher.VerifyDecoy(password);
            return InvalidCredentials();
        }

        var device = devices.DeviceFor(http.Request, email);
        var counter = LoginLockout.KeyOf(email, device);
        if (await lockout.AdmitAsync(counter, ct) is { } lockedFor)
        {
            return LockedOut(http, lockedFor);
        }

        var user = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct);
        var valid = user is null ? hasher.VerifyDecoy(password) : PasswordHasher.Verify(password, user.PasswordHash);
        if (user is null || !valid)
        {
            return InvalidCredentials();
        }

        await lockout.ResetAsync(counter, ct);
        devices.Issue(http, email, device, options.Value);
        return Answer(http, await tokens.IssueAsync(user, Guid.NewGuid(), ct), options.Value);
    }

    /// <summary>JSON mode takes the token from the body; cookie mode (the web app) from the HttpOnly cookie, and only with the CSRF header.</summary>
    private static async Task<IResult> RefreshAsync(RefreshRequest? request, HttpContext context, TokenService tokens, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var (token, refusal) = PresentedToken(request?.RefreshToken, context);
        if (token is null)
        {
            return refusal!;
        }

        var pair = await tokens.RefreshAsync(token, ct);
        if (pair is null)
        {
            if (RefreshCookie.Requested(context.Request))
            {
                RefreshCookie.Clear(context, options.Value);
            }

            return Results.Problem(title: "Invalid refresh token", detail: "The refresh token is unknown, expired or already used. Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        return Answer(context, pair, options.Value);
    }

    /// <summary>Ends the session: its refresh tokens stop working and the cookie is removed. Saying it twice is fine.</summary>
    private static async Task<IResult> LogoutAsync(RefreshRequest? request, HttpContext context, TokenService tokens, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var cookieMode = RefreshCookie.Requested(context.Request);
        var (token, refusal) = PresentedToken(request?.RefreshToken, context);
        if (token is not null)
        {
            await tokens.RevokeAsync(token, ct);
        }
        else if (!cookieMode)
        {
            return refusal!;
        }

        // In cookie mode, no cookie left means already signed out.
        if (cookieMode)
        {
            RefreshCookie.Clear(context, options.Value);
        }

        return Results.NoContent();
    }

    private static (string? Token, IResult? Refusal) PresentedToken(string? fromBody, HttpContext context)
    {
        if (!string.IsNullOrEmpty(fromBody))
        {
            return (fromBody, null);
        }

        var fromCookie = RefreshCookie.Read(context.Request);
        if (string.IsNullOrEmpty(fromCookie))
        {
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token is required."] }));
        }

        return RefreshCookie.Requested(context.Request)
            ? (fromCookie, null)
            : (null, Results.Problem(title: "Missing session header", statusCode: StatusCodes.Status403Forbidden,
                detail: $"A refresh token from the cookie is accepted only with the header {RefreshCookie.HeaderName}: {RefreshCookie.HeaderValue}."));
    }

    private static IResult Answer(HttpContext context, TokenPair pair, AuthOptions options)
    {
        // Tokens must not be kept by any cache (RFC 6749, section 5.1).
        context.Response.Headers.CacheControl = "no-store";
        if (!RefreshCookie.Requested(context.Request))
        {
            return Results.Ok(pair);
        }

        RefreshCookie.Write(context, pair.RefreshToken, pair.RefreshTokenExpiresAt, options);
        return Results.Ok(new AccessTokenResponse(pair.AccessToken, pair.ExpiresIn, pair.TokenType));
    }

    /// <summary>The answer while a lockout counter is locked, at sign-in and wherever else the password is checked.</summary>
    internal static IResult LockedOut(HttpContext http, TimeSpan lockedFor)
    {
        var seconds = (int)Math.Ceiling(lockedFor.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            title: "Too many failed sign-ins",
            detail: $"Signing in to this account is paused after repeated failures. Try again in {Math.Max(1, (seconds + 59) / 60)} minute(s)"
                + ", from a browser that signed in to it before, or from this one after opening the link POST /auth/unlock emails you.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    internal static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 0 and <= 320 } && MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed
            ? trimmed.ToLowerInvariant()
            : null;
    }

    /// <summary>What is wrong with a new password, as one sentence for its owner; null when it will do.</summary>
    internal static string? PasswordProblem(string? password, int minimum) =>
        string.IsNullOrEmpty(password) ? $"Choose a password of at least {minimum} characters."
        : password.Length < minimum ? $"Use at least {minimum} characters for your password."
        : password.Length > 1024 ? "Use at most 1024 characters for your password."
        : null;

    private static IResult InvalidCredentials() =>
        Results.Problem(title: "Invalid credentials", detail: "The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized);

}
