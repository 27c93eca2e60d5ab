using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Api.Idempotency;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Webhooks;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;
using Vidsnap.Platform.Egress;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Webhooks;

namespace Vidsnap.Api;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

/// <summary>The answers that carry a signing secret, the only ones that ever do.</summary>
public sealed record WebhookSecretResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookAttemptResponse(int Attempt, int? StatusCode, int DurationMs, string? Error, DateTimeOffset At);

public sealed record WebhookDeliveryResponse(
    string Id, string Event, Guid VideoId, string Status, int Attempts, int? LastStatusCode, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttemptResponse> AttemptLog);

public sealed record WebhookRedeliveryResponse(string Id, string Status);

/// <summary>A person's webhook endpoints: registered, listed, rotated, removed, and their delivery log.</summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/api/webhooks").RequireAuthorization(Scopes.WebhooksManage).WithTags("Webhooks");
        webhooks.MapPost("", CreateAsync)
            .WithName("createWebhook").WithSummary("Register a webhook endpoint")
            .WithDescription("Vidsnap POSTs the chosen events (video.queued, video.completed, video.failed, video.deleted) to the URL, signed as "
                + "Standard Webhooks says with the `secret` answered here this once. The URL must be https on a public address in distributed mode.")
            .Produces<WebhookSecretResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .AcceptsIdempotencyKey();
        webhooks.MapGet("", ListAsync)
            .WithName("listWebhooks").WithSummary("List your webhook endpoints")
            .Produces<List<WebhookResponse>>();
        webhooks.MapGet("/{id:guid}", GetAsync)
            .WithName("getWebhook").WithSummary("Get a webhook endpoint")
            .Produces<WebhookResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("deleteWebhook").WithSummary("Remove a webhook endpoint")
            .WithDescription("Its pending deliveries go with it: nothing more is sent to it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync)
            .WithName("rotateWebhookSecret").WithSummary("Rotate a webhook's signing secret")
            .WithDescription("Answers the new secret this once; the old one keeps signing beside it until `previousSecretExpiresAt`.")
            .Produces<WebhookSecretResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:guid}/enable", EnableAsync)
            .WithName("enableWebhook").WithSummary("Turn a disabled webhook endpoint back on")
            .Produces<WebhookResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync)
            .WithName("listWebhookDeliveries").WithSummary("The delivery log of a webhook endpoint")
            .WithDescription("Newest first, each delivery with every attempt's status code, duration and error.")
            .Produces<List<WebhookDeliveryResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId}/redeliver", RedeliverAsync)
            .WithName("redeliverWebhook").WithSummary("Send a delivery again")
            .WithDescription("At once, with the same webhook-id, so the receiver can recognise it.")
            .Produces<WebhookRedeliveryResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        CreateWebhookRequest request, ClaimsPrincipal user, HttpContext http, VidsnapDbContext db, SecretProtector secrets, IOptions<WebhookOptions> options,
        IOptions<QuotaOptions> quotas, EgressPolicy egress, TimeProvider time, CancellationToken ct)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        var url = await CheckTargetAsync(request.Url, settings.AllowPrivateTargets ?? egress.AllowPrivateNetworks, errors, ct);
        var events = (request.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = events.Except(VideoEventTypes.All).ToList();
        if (events.Count == 0 || unknown.Count > 0)
        {
            errors["events"] = [$"Give one or more of: {string.Join(", ", VideoEventTypes.All)}." + (unknown.Count > 0 ? $" Not an event: {string.Join(", ", unknown)}." : string.Empty)];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The webhook request is not valid.");
        }

        var userId = user.Id();
        var held = await db.WebhooksAsync(userId, ct);
        if (held >= quotas.Value.Webhooks)
        {
            return QuotaExceeded.Problem(http, nameof(QuotaOptions.Webhooks), quotas.Value.Webhooks, held,
                "Remove an endpoint you no longer use (DELETE /api/webhooks/{id}), then add this one.", time.GetUtcNow());
        }

        var secret = NewSecret();
        var endpoint = WebhookEndpoint.Register(userId, user.Email(), url!, events, secrets.Protect(secret), time.GetUtcNow());
        db.WebhookEndpoints().Add(endpoint);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/webhooks/{endpoint.Id}", new WebhookSecretResponse(endpoint.Id, endpoint.Url, endpoint.EventList, endpoint.CreatedAt, secret, null));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct)
    {
        var userId = user.Id();
        var endpoints = await db.WebhookEndpoints().AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.CreatedAt).ToListAsync(ct);
        return Results.Ok(endpoints.Select(Response).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct) =>
        await FindAsync(db.WebhookEndpoints().AsNoTracking(), id, user, ct) is { } endpoint ? Results.Ok(Response(endpoint)) : NotFound();

    /// <summary>Pending deliveries go with the endpoint: nothing more is sent to it.</summary>
    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(db.WebhookEndpoints(), id, user, ct);
        if (endpoint is null)
        {
            return NotFound();
        }

        await db.WebhookDeliveries().Where(d => d.EndpointId == id).ExecuteDeleteAsync(ct);
        db.WebhookEndpoints().Remove(endpoint);
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecretAsync(
        Guid id, ClaimsPrincipal user, VidsnapDbContext db, SecretProtector secrets, IOptions<WebhookOptions> options, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await FindAsync(db.WebhookEndpoints(), id, user, ct);
        if (endpoint is null)
        {
            return NotFound();
        }

        var secret = NewSecret();
        endpoint.RotateSecret(secrets.Protect(secret), time.GetUtcNow(), TimeSpan.FromHours(options.Value.SecretOverlapHours));
        await db.SaveChangesAsync(ct);
        return Results.Ok(new WebhookSecretResponse(endpoint.Id, endpoint.Url, endpoint.EventList, endpoint.CreatedAt, secret, endpoint.PreviousSecretExpiresAt));
    }

    private static async Task<IResult> EnableAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(db.WebhookEndpoints(), id, user, ct);
        if (endpoint is null)
        {
            return NotFound();
        }

        endpoint.Enable();
        await db.SaveChangesAsync(ct);
        return Results.Ok(Response(endpoint));
    }

    private static async Task<IResult> DeliveriesAsync(Guid id, ClaimsPrincipal user, VidsnapDbContext db, CancellationToken ct, int? limit = null)
    {
        if (await FindAsync(db.WebhookEndpoints().AsNoTracking(), id, user, ct) is null)
        {
            return NotFound();
        }

        var take = Math.Clamp(limit ?? 50, 1, 200);
        var deliveries = await db.WebhookDeliveries().AsNoTracking().Include(d => d.Attempts)
            .Where(d => d.EndpointId == id).OrderByDescending(d => d.CreatedAt).Take(take).ToListAsync(ct);
        return Results.Ok(deliveries.Select(d => new WebhookDeliveryResponse(
            d.Id, d.EventType, d.VideoId, d.Status.ToString(), d.AttemptCount, d.LastStatusCode, d.CreatedAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
            [.. d.Attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptResponse(a.Number, a.StatusCode, a.DurationMs, a.Error, a.At))])).ToList());
    }

    /// <summary>Sends a delivery again at once, with the same webhook-id, so the receiver can recognise it.</summary>
    private static async Task<IResult> RedeliverAsync(Guid id, string deliveryId, ClaimsPrincipal user, VidsnapDbContext db, TimeProvider time, CancellationToken ct)
    {
        var userId = user.Id();
        var delivery = await db.WebhookDeliveries().SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id && d.UserId == userId, ct);
        if (delivery is null)
        {
            return Results.Problem(title: "Delivery not found", detail: "There is no delivery with this id for this webhook in your account.", statusCode: StatusCodes.Status404NotFound);
        }

        delivery.Redeliver(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Results.Accepted($"/api/webhooks/{id}/deliveries", new WebhookRedeliveryResponse(delivery.Id, delivery.Status.ToString()));
    }

    /// <summary>An absolute URL the server may call: https on a public address, unless private targets are allowed here.</summary>
    private static async Task<Uri?> CheckTargetAsync(string? value, bool allowPrivate, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors["url"] = ["Give the absolute https URL of your receiver, such as https://example.com/vidsnap-events."];
            return null;
        }

        if (url.Scheme == "http" && !allowPrivate)
        {
            errors["url"] = ["The receiver must use https."];
            return null;
        }

        var (_, refusal) = await EgressGuard.ResolveAsync(url.IdnHost, allowPrivate, ct);
        if (refusal is not null)
        {
            errors["url"] = [refusal];
            return null;
        }

        return url;
    }

    private static Task<WebhookEndpoint?> FindAsync(IQueryable<WebhookEndpoint> endpoints, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.Id();
        return endpoints.SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
    }

    /// <summary>The Standard Webhooks form: whsec_ and 32 random bytes in base64.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static WebhookResponse Response(WebhookEndpoint e) => new(e.Id, e.Url, e.EventList, e.IsEnabled, e.CreatedAt, e.DisabledAt);

    private static IResult NotFound() =>
        Results.Problem(title: "Webhook not found", detail: "There is no webhook endpoint with this id in your account.", statusCode: StatusCodes.Status404NotFound);
}
