using System.ComponentModel;
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
using Vidsnap.Platform.Email;

namespace Vidsnap.Auth;

public sealed record ChangePasswordRequest(
    [property: Description("The password the account has now.")] string? CurrentPassword,
    [property: Description("At least Auth:MinimumPasswordLength (8) characters, at most 1024.")] string? NewPassword);

public sealed record PasswordResetRequest([property: Description("The account's email address.")] string? Email);

public sealed record ConfirmPasswordResetRequest(
    [property: Description("The code from the reset email.")] string? Code,
    [property: Description("At least Auth:MinimumPasswordLength (8) characters, at most 1024.")] string? NewPassword);

/// <summary>What a reset request answers, whatever the address: nothing about whether it has an account.</summary>
public sealed record PasswordResetRequested(string Detail);

public sealed record PasswordResetConfirmed(string Email);

/// <summary>
/// Changing a password (the signed-in person, with the current one), resetting a forgotten one (a code emailed to the
/// address, like <see cref="UnlockEndpoints"/>), and ending every session. Each ends the sessions an attacker who knew
/// the old password may hold; a person's routes only, never an API key's.
/// </summary>
internal static class PasswordEndpoints
{
    private const string ResetAnswer = "If the address has an account, a code to choose a new password is on its way. It works once, for 30 minutes.";
    private const string NotChanged = "Your password was not changed";

    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/password", ChangeAsync).RequireAuthorization(Scopes.AccountManage)
            .WithName("changePassword").WithSummary("Change your password")
            .WithDescription("Needs the current password; a wrong one counts toward the same lockout as failed sign-ins. "
                + "Every other session is signed out; this one stays. The address is told of the change.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).RequireAuthorization(Scopes.AccountManage)
            .WithName("signOutEverywhere").WithSummary("Sign out every session, this one too")
            .WithDescription("Every refresh token of the account stops working and the refresh cookie is removed. "
                + "Access tokens already issued expire within minutes.")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapPost("/password-reset", RequestResetAsync).AllowAnonymous()
            .WithName("requestPasswordReset").WithSummary("Email a code to choose a new password")
            .WithDescription("Answers 202 alike for every well-formed address. The account's address, verified or not, gets a code that works once "
                + "for 30 minutes (a few codes an hour at most).")
            .Produces<PasswordResetRequested>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        auth.MapPost("/password-reset/confirm", ConfirmResetAsync).AllowAnonymous()
            .WithName("confirmPasswordReset").WithSummary("Set a new password with the emailed code")
            .WithDescription("Every session of the account is signed out and its sign-in lockout cleared; the code also verifies the address. "
                + "A wrong, used or expired code is a 400 problem.")
            .Produces<PasswordResetConfirmed>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> ChangeAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, VidsnapDbContext db, PasswordHasher hasher, TokenService tokens,
        LoginLockout lockout, DeviceCookie devices, HttpContext http, IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors["currentPassword"] = ["Enter your current password."];
        }

        if (AuthEndpoints.PasswordProblem(request.NewPassword, options.Value.MinimumPasswordLength) is { } weak)
        {
            errors["newPassword"] = [weak];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: NotChanged);
        }

        var id = principal.Id();
        // Not tracked: the lockout clears the change tracker when it creates a counter.
        var user = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Results.Problem(title: "Account not found", statusCode: StatusCodes.Status404NotFound, detail: "There is no such account; it may have been deleted.");
        }

        // Counted before the check, on the counter a sign-in from this browser uses: a stolen access token
        // gets no more guesses at the password here than at the sign-in form.
        var counter = LoginLockout.KeyOf(user.Email, devices.DeviceFor(http.Request, user.Email));
        if (await lockout.AdmitAsync(counter, ct) is { } lockedFor)
        {
            return AuthEndpoints.LockedOut(http, lockedFor);
        }

        if (!PasswordHasher.Verify(request.CurrentPassword!, user.PasswordHash))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["currentPassword"] = ["That is not your current password."] }, title: NotChanged,
                detail: "Repeated wrong passwords pause signing in to the account, as at the sign-in form.");
        }

        await lockout.ResetAsync(counter, ct);

        // Others first: should saving fail, the sessions are gone and the old password still works, never the reverse.
        await tokens.RevokeAllAsync(user.Id, TokenService.SessionOf(principal), ct);
        var hash = hasher.Hash(request.NewPassword!);
        await db.Users().Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash), ct);
        db.Publish(new AccountEmailRequest(Guid.NewGuid(), user.Id, user.Email, AccountEmailKinds.PasswordChanged, null, null, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> SignOutEverywhereAsync(ClaimsPrincipal principal, TokenService tokens, HttpContext http, IOptions<AuthOptions> options, CancellationToken ct)
    {
        await tokens.RevokeAllAsync(principal.Id(), keep: null, ct);
        RefreshCookie.Clear(http, options.Value);
        return Results.NoContent();
    }

    private static async Task<IResult> RequestResetAsync(PasswordResetRequest request, VidsnapDbContext db, EmailVerificationService verification, HttpContext http, CancellationToken ct)
    {
        // A blank or malformed address says nothing about any account, so it is answered as a field message.
        var email = AuthEndpoints.NormalizeEmail(request.Email);
        if (email is null)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["email"] = [string.IsNullOrWhiteSpace(request.Email) ? "Enter your email address." : "Enter an email address such as name@example.com."] },
                title: "Enter the address you signed up with");
        }

        var user = await db.Users().SingleOrDefaultAsync(u => u.Email == email, ct);
        if (user is not null && await verification.SendPasswordResetAsync(user, http.Request, ct))
        {
            await db.SaveChangesAsync(ct);
        }

        return Results.Accepted(value: new PasswordResetRequested(ResetAnswer));
    }

    private static async Task<IResult> ConfirmResetAsync(
        ConfirmPasswordResetRequest request, VidsnapDbContext db, EmailVerificationService verification, PasswordHasher hasher, TokenService tokens,
        LoginLockout lockout, IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        // The password first: a weak one is refused without using up the code, so the person can try another.
        if (AuthEndpoints.PasswordProblem(request.NewPassword, options.Value.MinimumPasswordLength) is { } weak)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [weak] }, title: NotChanged);
        }

        var user = string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 100 ? null : await verification.ClaimPasswordResetAsync(request.Code.Trim(), ct);
        if (user is null)
        {
            return Results.Problem(title: "Invalid reset code", statusCode: StatusCodes.Status400BadRequest,
                detail: "The code is wrong, already used or more than 30 minutes old. Ask for a new one with \"Forgot your password?\" (POST /auth/password-reset).");
        }

        var now = time.GetUtcNow();
        await tokens.RevokeAllAsync(user.Id, keep: null, ct);
        await lockout.ForgetAccountAsync(user.Email, ct);
        user.PasswordHash = hasher.Hash(request.NewPassword!);
        user.EmailVerifiedAt ??= now;
        db.Publish(new AccountEmailRequest(Guid.NewGuid(), user.Id, user.Email, AccountEmailKinds.PasswordChanged, null, null, now));
        await db.SaveChangesAsync(ct);

        // The code reached the mailbox, which proves the address as a verification code would.
        await db.MarkVerifiedAsync(user.Email, now, ct);
        return Results.Ok(new PasswordResetConfirmed(user.Email));
    }
}
