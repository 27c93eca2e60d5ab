using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.AccessTokens.ApiKeys;
using Vidsnap.Auth.Data;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;
using Vidsnap.Platform.Retention;

namespace Vidsnap.Auth;

/// <summary>What the account holds of each quota.</summary>
public sealed record AccountUsageResponse(long StoredBytes, int VideosInFlight, int VideosToday, int ApiKeys, int Webhooks);

public sealed record AccountLimitsResponse(long StoredBytes, int VideosInFlight, int VideosPerDay, int ApiKeys, int Webhooks);

public sealed record AccountRetentionResponse(int SourceDays, int OutputDays);

/// <summary>The account as its owner sees it: who, what it uses and what it may use, and how many sessions can still refresh.</summary>
public sealed record AccountResponse(
    Guid Id, string Email, bool EmailVerified, DateTimeOffset CreatedAt, AccountUsageResponse Usage, AccountLimitsResponse Limits, AccountRetentionResponse Retention,
    [property: System.ComponentModel.Description("Signed-in sessions (browsers and apps) whose refresh token still works, this one included.")] int Sessions);

/// <summary>The signed-in person's own account: seen and deleted by the person only (never by an API key).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").RequireAuthorization(Scopes.AccountManage).WithTags("Account");
        me.MapGet("", GetAsync)
            .WithName("getAccount").WithSummary("Your account, its usage and limits")
            .WithDescription("The account's email and whether it is verified, what it uses of each quota and the quotas, how long videos are kept, "
                + "and how many sessions are signed in (POST /auth/sign-out-everywhere ends them).")
            .Produces<AccountResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("", DeleteAsync)
            .WithName("deleteAccount").WithSummary("Delete your account and everything it owns")
            .WithDescription("Videos and every stored file, API keys, webhooks and their deliveries, sessions and pending codes: all gone. Access tokens already issued stop finding anything at once and expire within minutes.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GetAsync(
        ClaimsPrincipal principal, VidsnapDbContext db, TokenService tokens, IOptions<QuotaOptions> quotas, IOptions<RetentionOptions> retention, TimeProvider time,
        CancellationToken ct)
    {
        var userId = principal.Id();
        var user = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return NotFound();
        }

        var (today, _) = await db.VideosCreatedSinceAsync(userId, time.GetUtcNow().AddDays(-1), ct);
        var usage = new AccountUsageResponse(
            await db.StoredBytesAsync(userId, ct),
            await db.VideosInFlightAsync(userId, ct),
            today,
            await db.ApiKeysHeldAsync(userId, ct),
            await db.WebhooksAsync(userId, ct));
        var q = quotas.Value;
        return Results.Ok(new AccountResponse(
            user.Id, user.Email, user.EmailVerifiedAt is not null, user.CreatedAt, usage,
            new AccountLimitsResponse(q.StoredBytes, q.VideosInFlight, q.VideosPerDay, q.ApiKeys, q.Webhooks),
            new AccountRetentionResponse(retention.Value.SourceDays, retention.Value.OutputDays),
            await tokens.ActiveSessionsAsync(userId, ct)));
    }

    private static async Task<IResult> DeleteAsync(ClaimsPrincipal principal, AccountErasure erasure, HttpContext http, IOptions<AuthOptions> options, CancellationToken ct)
    {
        if (!await erasure.EraseAsync(principal.Id(), ct))
        {
            return NotFound();
        }

        RefreshCookie.Clear(http, options.Value);
        return Results.NoContent();
    }

    private static IResult NotFound() =>
        Results.Problem(title: "Account not found", statusCode: StatusCodes.Status404NotFound, detail: "There is no such account; it may have been deleted.");
}
