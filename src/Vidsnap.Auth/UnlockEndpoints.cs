using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Auth.Data;
using Vidsnap.Platform.Data;

namespace Vidsnap.Auth;

/// <summary>What a locked-out unlock request answers, whatever the address: nothing about whether it has an account.</summary>
public sealed record UnlockRequested(string Detail);

public sealed record UnlockRequest(string? Email);

public sealed record UnlockConfirmed(string Email);

/// <summary>
/// The owner's way past a lockout that others caused, from a browser that never signed in before: a code sent
/// to the address, opened in that browser, makes it a known browser (a <see cref="DeviceCookie"/>), whose
/// sign-ins are counted on their own. The password is still needed; the code only proves the address.
/// </summary>
internal static class UnlockEndpoints
{
    private const string Answer = "If the address has an account, a link that lets this browser sign in is on its way. It works once, for a day.";

    public static IEndpointRouteBuilder MapUnlockEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").AllowAnonymous().WithTags("Auth");
        auth.MapPost("/unlock", RequestAsync)
            .WithName("requestSignInUnlock").WithSummary("Email a link that lets this browser sign in past a lockout")
            .WithDescription("Answers 202 alike for every address. The account's address gets a code (a few an hour at most); an unverified address gets its verification code, which unlocks as well.")
            .Produces<UnlockRequested>(StatusCodes.Status202Accepted);
        auth.MapPost("/unlock/confirm", ConfirmAsync)
            .WithName("confirmSignInUnlock").WithSummary("Make this browser a known one with the emailed code")
            .WithDescription("Sets the device cookie for the code's account: this browser's sign-ins are then counted apart from everyone else's. The code also verifies the address. A wrong, used or expired code is a 400 problem.")
            .Produces<UnlockConfirmed>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> RequestAsync(UnlockRequest request, VidsnapDbContext db, EmailVerificationService verification, HttpContext http, CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant();
        var user = email is { Length: > 0 and <= 320 } ? await db.Users().SingleOrDefaultAsync(u => u.Email == email, ct) : null;
        if (user is not null && await verification.SendUnlockCodeAsync(user, http.Request, ct))
        {
            await db.SaveChangesAsync(ct);
        }

        return Results.Accepted(value: new UnlockRequested(Answer));
    }

    private static async Task<IResult> ConfirmAsync(
        VerifyEmailRequest request, EmailVerificationService verification, DeviceCookie devices, LoginLockout lockout, HttpContext http, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 100 ? null : await verification.VerifyAsync(request.Code.Trim(), ct);
        if (user is null)
        {
            return Results.Problem(title: "Invalid code", statusCode: StatusCodes.Status400BadRequest,
                detail: "The code is wrong, already used or more than a day old. Ask for a new link (POST /auth/unlock).");
        }

        // A fresh device: nothing counted against it yet.
        var device = Guid.NewGuid().ToString("N");
        await lockout.ResetAsync(LoginLockout.KeyOf(user.Email, device), ct);
        devices.Issue(http, user.Email, device, options.Value);
        return Results.Ok(new UnlockConfirmed(user.Email));
    }
}
