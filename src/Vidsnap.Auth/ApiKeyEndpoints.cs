using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.AccessTokens.ApiKeys;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;

namespace Vidsnap.Auth;

public sealed record CreateApiKeyRequest(
    [property: Description("What the key is for, 1 to 100 characters, such as the system that will use it.")] string? Name,
    [property: Description("One or more of videos:read, videos:write, webhooks:manage.")] IReadOnlyList<string>? Scopes);

/// <summary>A key as its owner sees it in a listing: never its secret.</summary>
public sealed record ApiKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>The one answer that holds the secret.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, string Secret);

/// <summary>A person's API keys: made, listed and revoked by the person only (keys:manage is never a key's scope).</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/keys").RequireAuthorization(Scopes.KeysManage).WithTags("API keys");
        keys.MapPost("", CreateAsync)
            .WithName("createApiKey").WithSummary("Create an API key")
            .WithDescription("Answers the key's `secret` (vsk_...) this once; only its hash is kept. The key has the scopes it is given, never keys:manage.")
            .Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        keys.MapGet("", ListAsync)
            .WithName("listApiKeys").WithSummary("List your API keys")
            .WithDescription("Keys not revoked, newest first, with the visible start of each secret; never the secrets.")
            .Produces<List<ApiKeyResponse>>();
        keys.MapDelete("/{id:guid}", RevokeAsync)
            .WithName("revokeApiKey").WithSummary("Revoke an API key")
            .WithDescription("It stops working at once here, and within ApiKeys:CacheSeconds at validators that remembered it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, HttpContext http, VidsnapDbContext db, IOptions<QuotaOptions> quotas, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            errors["name"] = ["Give the key a name of 1 to 100 characters, such as the system that will use it."];
        }

        var scopes = (request.Scopes ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = scopes.Where(s => !Scopes.ForKeys.Contains(s)).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            errors["scopes"] = [$"Give one or more of: {string.Join(", ", Scopes.ForKeys)}." + (unknown.Count > 0 ? $" Not a key's scope: {string.Join(", ", unknown)}." : string.Empty)];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The key request is not valid.");
        }

        var userId = user.Id();
        var held = await db.ApiKeysHeldAsync(userId, ct);
        if (held >= quotas.Value.ApiKeys)
        {
            return QuotaExceeded.Problem(http, nameof(QuotaOptions.ApiKeys), quotas.Value.ApiKeys, held,
                "Revoke a key you no longer use (DELETE /api/keys/{id}), then create this one.", time.GetUtcNow());
        }

        var secret = ApiKeySecret.Create();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            OwnerEmail = user.Email(),
            Name = name!,
            Scopes = string.Join(' ', Scopes.ForKeys.Where(scopes.Contains)),
            Prefix = ApiKeySecret.VisiblePart(secret),
            SecretHash = ApiKeySecret.HashOf(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<ApiKey>().Add(key);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.ScopeList, key.Prefix, key.CreatedAt, secret));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct)
    {
        var userId = user.Id();
        var keys = await db.Set<ApiKey>().AsNoTracking().Where(k => k.UserId == userId && k.RevokedAt == null).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return Results.Ok(keys.Select(k => new ApiKeyResponse(k.Id, k.Name, k.ScopeList, k.Prefix, k.CreatedAt, k.LastUsedAt)).ToList());
    }

    /// <summary>Revoked at once in the database; validators that remembered the key forget it within ApiKeys:CacheSeconds.</summary>
    private static async Task<IResult> RevokeAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, TimeProvider time, CancellationToken ct)
    {
        var userId = user.Id();
        var now = time.GetUtcNow();
        var revoked = await db.Set<ApiKey>().Where(k => k.Id == id && k.UserId == userId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        return revoked == 1 || await db.Set<ApiKey>().AnyAsync(k => k.Id == id && k.UserId == userId, ct)
            ? Results.NoContent()
            : Results.Problem(title: "Key not found", detail: "There is no API key with this id in your account.", statusCode: StatusCodes.Status404NotFound);
    }
}
