using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Vidsnap.Contracts;

namespace Vidsnap.Api.ApiDocument;

/// <summary>
/// The request takes `options` as raw JSON so each bad field can be named in a 400 rather than failing the
/// binding; the document says what it must hold: the same ExtractionOptions the video answers with, whose
/// string fields take only the values the validator accepts.
/// </summary>
internal sealed class ExtractionOptionsSchema : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((type == typeof(CreateVideoRequest) || type == typeof(RetryVideoRequest)) && schema.Properties is { } properties && properties.ContainsKey("options"))
        {
            properties["options"] = await context.GetOrCreateSchemaAsync(typeof(ExtractionOptions), cancellationToken: cancellationToken);
        }

        if (type == typeof(ExtractionOptions) && schema.Properties is { } fields)
        {
            Allow(fields, "mode", ExtractionOptions.Modes);
            Allow(fields, "precision", ExtractionOptions.Precisions);
            Allow(fields, "format", ExtractionOptions.Formats);
        }
    }

    private static void Allow(IDictionary<string, IOpenApiSchema> fields, string name, IReadOnlyList<string> values)
    {
        if (fields.TryGetValue(name, out var field) && field is OpenApiSchema editable)
        {
            editable.Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)v)];
        }
    }
}
