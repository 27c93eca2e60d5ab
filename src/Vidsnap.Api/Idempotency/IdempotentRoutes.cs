using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vidsnap.Api.Idempotency;

/// <summary>Marks a route that honours Idempotency-Key, so the API document can say so.</summary>
internal sealed class IdempotencyKeyMetadata
{
    public static readonly IdempotencyKeyMetadata Instance = new();
}

internal static class IdempotentRoutes
{
    /// <summary>A creating POST that honours Idempotency-Key: the filter, and what the document must say of it (the header, its 409 and 422).</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder route) => route
        .AddEndpointFilter<IdempotencyFilter>()
        .WithMetadata(IdempotencyKeyMetadata.Instance)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
