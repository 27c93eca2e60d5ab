using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.AccessTokens.ApiKeys;

namespace Vidsnap.AccessTokens;

/// <summary>A route's scope: met by a person's access token, or by an API key that was given it.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (ScopeAuthorization.ScopesOf(context.User).Contains(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class ScopeAuthorization
{
    /// <summary>One policy per scope, named as the scope: a route declares `.RequireAuthorization(Scopes.VideosRead)`.</summary>
    public static IServiceCollection AddScopePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, MissingScopeProblem>();
        foreach (var scope in Scopes.ForPeople)
        {
            services.AddAuthorizationBuilder().AddPolicy(scope, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        }

        return services;
    }

    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.AuthenticationType == ApiKeyAuthentication.Scheme
            ? user.FindAll(Scopes.Claim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
            : user.Identity?.IsAuthenticated == true ? Scopes.ForPeople.ToHashSet(StringComparer.Ordinal) : [];
    }
}

/// <summary>A forbidden request says which scope it lacked, as a problem; everything else is as ASP.NET Core answers it.</summary>
internal sealed class MissingScopeProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault()
            : null;
        if (missing is null)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        await Results.Problem(
            title: "Missing scope",
            detail: missing == Scopes.KeysManage
                ? $"API keys cannot create, list or revoke keys (the scope '{Scopes.KeysManage}'): sign in as the person who owns them."
                : missing == Scopes.AccountManage
                ? $"API keys cannot see or delete the account (the scope '{Scopes.AccountManage}'): sign in as the person who owns it."
                : $"This API key does not have the scope '{missing}' that this request needs. Create a key that has it.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["missingScope"] = missing }).ExecuteAsync(context);
    }
}
