using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.AccessTokens;
using Vidsnap.Platform.Data;

namespace Vidsnap.Api.Idempotency;

/// <summary>
/// `Idempotency-Key` on a creating POST: the same key with the same body, within Api:IdempotencyHours, answers
/// the first answer again (with `Idempotent-Replayed: true`) and creates nothing; the same key with another body
/// is a 422 problem; a key whose first request is still running is a 409 problem. Keys are per person. A 5xx or a
/// failure keeps nothing, so the request may be tried again with the same key.
/// </summary>
internal sealed class IdempotencyFilter(VidsnapDbContext db, IOptions<ApiOptions> options, IOptions<JsonOptions> json, TimeProvider time) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > 255 || key.Any(c => c is < ' ' or > '~'))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [Header] = ["An Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID."] });
        }

        var userId = http.User.Id();
        var route = $"{http.Request.Method} {http.Request.Path}";
        var hash = HashOf(context.Arguments.Where(a => a is not null && IsBody(a)), json.Value.SerializerOptions);
        var now = time.GetUtcNow();
        var earliest = now.AddHours(-options.Value.IdempotencyHours);
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
        if (existing is not null && existing.CreatedAt < earliest)
        {
            await db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Key == key && r.CreatedAt < earliest).ExecuteDeleteAsync(http.RequestAborted);
            existing = null;
        }

        if (existing is null)
        {
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord { UserId = userId, Key = key, Route = route, RequestHash = hash, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
                return await RunAndKeepAsync(context, next, userId, key);
            }
            catch (DbUpdateException)
            {
                // The same key arrived twice at once: the other request holds it.
                db.ChangeTracker.Clear();
                existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            }
        }

        if (existing.Route != route || existing.RequestHash != hash)
        {
            return Results.Problem(title: "Idempotency-Key reused", statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: $"This Idempotency-Key was first used for a different request ({existing.Route}, another body). Use a new key for a new request.");
        }

        if (existing.StatusCode is not { } status)
        {
            http.Response.Headers.RetryAfter = "1";
            return Results.Problem(title: "Request in progress", statusCode: StatusCodes.Status409Conflict,
                detail: "The first request with this Idempotency-Key is still being handled. Try again in a moment to get its answer.");
        }

        return new ReplayedResult(status, existing.ContentType, existing.Location, existing.Body ?? []);
    }

    /// <summary>Runs the endpoint and its result here, into a buffer, so the exact answer can be kept and replayed.</summary>
    private async Task<object?> RunAndKeepAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Guid userId, string key)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context);
            if (result is IResult answer)
            {
                await answer.ExecuteAsync(http);
            }
            else if (result is not null)
            {
                await Results.Json(result, json.Value.SerializerOptions).ExecuteAsync(http);
            }
        }
        catch
        {
            http.Response.Body = original;
            await ForgetAsync(userId, key);
            throw;
        }

        http.Response.Body = original;
        if (http.Response.StatusCode >= 500)
        {
            await ForgetAsync(userId, key);
        }
        else
        {
            await db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, http.Response.StatusCode)
                .SetProperty(r => r.ContentType, http.Response.ContentType)
                .SetProperty(r => r.Location, http.Response.Headers.Location.ToString())
                .SetProperty(r => r.Body, buffer.ToArray()), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private Task<int> ForgetAsync(Guid userId, string key) =>
        db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>The bound request bodies, as JSON: what "the same body" means here.</summary>
    private static string HashOf(IEnumerable<object?> bodies, JsonSerializerOptions options) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(bodies.ToList(), options)));

    private static bool IsBody(object argument) =>
        argument.GetType().Name.EndsWith("Request", StringComparison.Ordinal) && argument.GetType().Namespace?.StartsWith("Vidsnap.", StringComparison.Ordinal) == true;

    private sealed class ReplayedResult(int status, string? contentType, string? location, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.Headers["Idempotent-Replayed"] = "true";
            if (!string.IsNullOrEmpty(contentType))
            {
                response.ContentType = contentType;
            }

            if (!string.IsNullOrEmpty(location))
            {
                response.Headers.Location = location;
            }

            await response.Body.WriteAsync(body);
        }
    }
}
