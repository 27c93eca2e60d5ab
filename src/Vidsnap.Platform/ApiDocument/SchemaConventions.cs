using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>Schema rules for the whole document.</summary>
internal sealed class SchemaConventions : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // The web JSON defaults also read numbers written as strings, so the generator types every number as
        // "integer or string" with a digits pattern. The contract is the number: that is what the server writes
        // and what clients should send; the leniency is not something to build a client on.
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // Enums are written as their names (JsonStringEnumConverter); say they are strings, as the values are.
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }

        var target = context.JsonTypeInfo.Type;
        if (target == typeof(ProblemDetails) || target == typeof(HttpValidationProblemDetails))
        {
            schema.Description = target == typeof(HttpValidationProblemDetails)
                ? "An RFC 7807 problem for a request that is not valid: `errors` names each field in error (`options.count`) with what to fix."
                : "An RFC 7807 problem: `title` says what went wrong, `detail` what to do about it; some problems add members, such as `missingScope`.";
        }

        return Task.CompletedTask;
    }
}
