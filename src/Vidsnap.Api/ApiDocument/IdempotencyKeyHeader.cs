using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Vidsnap.Api.Idempotency;

namespace Vidsnap.Api.ApiDocument;

/// <summary>The filter reads the header itself, out of ApiExplorer's sight; routes marked with it get the header described.</summary>
internal sealed class IdempotencyKeyHeader : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any 1 to 255 printable characters, such as a UUID. The same key with the same body within Api:IdempotencyHours "
                    + "answers the first answer again (`Idempotent-Replayed: true`) and creates nothing; with another body it is a 422, "
                    + "and while the first request runs, a 409.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            });
        }

        return Task.CompletedTask;
    }
}
