using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>Problem answers that transformers add from metadata other than Produces (a route's authorization, say).</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>Adds a problem answer for the status unless the route declared one itself.</summary>
    public static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var key = status.ToString(CultureInfo.InvariantCulture);
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        // The same component that ProducesProblem refers to, made here if no route has referred to it yet.
        var document = context.Document ?? throw new InvalidOperationException("An operation transformer runs within a document.");
        if (document.Components?.Schemas?.ContainsKey(nameof(ProblemDetails)) != true)
        {
            document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken));
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
            },
        };
    }
}
