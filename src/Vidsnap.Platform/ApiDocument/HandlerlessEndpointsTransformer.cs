using System.Net.Mime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>
/// ApiExplorer describes only route handlers, so endpoints built from middleware (the health checks, the
/// Prometheus scrape) would be missing. Those that say what they are with <see cref="EndpointDescription.Describe"/>
/// are described here from the same metadata; their answers are text, so no schema beyond a string is needed.
/// </summary>
internal sealed class HandlerlessEndpointsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is null
                && e.Metadata.GetMetadata<IEndpointSummaryMetadata>() is not null
                && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });
        foreach (var endpoint in endpoints)
        {
            var path = PathOf(endpoint.RoutePattern);
            document.Paths ??= [];
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            var pathItem = (OpenApiPathItem)item;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
            {
                pathItem.AddOperation(HttpMethod.Parse(method), Describe(endpoint, document));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The path as OpenAPI writes it: parameters without their constraints.</summary>
    private static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private static OpenApiOperation Describe(RouteEndpoint endpoint, OpenApiDocument document)
    {
        var metadata = endpoint.Metadata;
        var tags = metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).Distinct(StringComparer.Ordinal).ToList();
        foreach (var tag in tags)
        {
            document.Tags ??= new HashSet<OpenApiTag>();
            if (!document.Tags.Any(t => t.Name == tag))
            {
                document.Tags.Add(new OpenApiTag { Name = tag });
            }
        }

        var operation = new OpenApiOperation
        {
            OperationId = metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            Summary = metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
            Description = metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description,
            Tags = tags.Count == 0 ? null : tags.Select(t => new OpenApiTagReference(t, document)).ToHashSet(),
            Responses = [],
        };
        foreach (var response in metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            foreach (var contentType in response.ContentTypes.DefaultIfEmpty(MediaTypeNames.Text.Plain))
            {
                content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            operation.Responses[response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description ?? ReasonPhrases.GetReasonPhrase(response.StatusCode),
                Content = content,
            };
        }

        return operation;
    }
}
