using System.Net.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Auth.Data;
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
            .Produces<RegisteredUser>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync)
            .WithName("login").WithSummary("Sign in")
            .WithDescription("Answers a short-lived access token (send it as `Authorization: Bearer`) and a single-use refresh token. "
                + "Five failures in a row pause an email's sign-ins (429 with `Retry-After`); the gateway also limits sign-ins per address. " + CookieMode)
            .Produces<TokenPair>()
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
        auth.MapGet("/.well-known/jwks.json", async (SigningKeyStore keys, CancellationToken ct) => Results.Ok(await keys.GetJwksAsync(ct)))
            .WithName("getSigningKeys").WithSummary("Public keys that sign access tokens (JWKS)")
            .WithDescription("Keys that sign now, will sign soon, or signed tokens that have not expired; validate access tokens against these only.")
            .Produces<JsonWebKeySetResponse>();
        return routes;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterRequest request, VidsnapDbContext db, PasswordHasher hasher, IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var email = NormalizeEmail(request.Email);
        if (email is null)
        {
            errors["email"] = ["Enter a valid email address."];
        }

        var minimum = options.Value.MinimumPasswordLength;
        if (request.Password is null || request.Password.Length < minimum)
        {
            errors["password"] = [$"The password must have at least {minimum} characters."];
        }
        else if (request.Password.Length > 1024)
        {
            errors["password"] = ["The password must have at most 1024 characters."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (await db.Users().AnyAsync(u => u.Email == email, ct))
        {
            return EmailTaken();
        }

        var user = new User { Id = Guid.NewGuid(), Email = email!, PasswordHash = hasher.Hash(request.Password!), CreatedAt = time.GetUtcNow() };
        db.Users().Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return EmailTaken();
        }

        return Results.Created($"/auth/users/{user.Id}", new RegisteredUser(user.Id, user.Email));
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, VidsnapDbContext db, PasswordHasher hasher, TokenService tokens, LoginLockout lockout, HttpContext http,
        IOptions<AuthOptions> options, CancellationToken ct)
    {
        var email = NormalizeEmail(request.Email);
        var password = request.Password ?? string.Empty;
        if (email is null)
        {
            _ = hasher.VerifyDecoy(password);
            return InvalidCredentials();
        }

        if (await lockout.LockedForAsync(email, ct) is { } lockedFor)
        {
            var seconds = (int)Math.Ceiling(lockedFor.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                title: "Too many failed sign-ins",
                detail: $"Signing in to this account is paused after repeated failures. Try again in {Math.Max(1, (seconds + 59) / 60)} minute(s).",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var user = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct);
        var valid = user is null ? hasher.VerifyDecoy(password) : PasswordHasher.Verify(password, user.PasswordHash);
        if (user is null || !valid)
        {
            await lockout.RecordFailureAsync(email, ct);
            return InvalidCredentials();
        }

        await lockout.ResetAsync(email, ct);
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

    private static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 0 and <= 320 } && MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed
            ? trimmed.ToLowerInvariant()
            : null;
    }

    private static IResult InvalidCredentials() =>
        Results.Problem(title: "Invalid credentials", detail: "The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized);

    private static IResult EmailTaken() =>
        Results.Problem(title: "Email already registered", detail: "An account with this email exists. Sign in instead.", statusCode: StatusCodes.Status409Conflict);
}
