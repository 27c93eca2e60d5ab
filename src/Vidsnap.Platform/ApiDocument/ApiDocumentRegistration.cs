using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>
/// The OpenAPI document every HTTP role serves at <see cref="Path"/>, built from the metadata where its routes are
/// mapped (names, summaries, Produces, scopes), never written by hand. Roles add their own transformers to the
/// named options <see cref="Name"/>; the gateway adds the documents of roles that run in other processes.
/// </summary>
public static class ApiDocumentRegistration
{
    public const string Name = "v1";

    public const string Path = "/openapi/v1.json";

    public static IHostApplicationBuilder AddVidsnapApiDocument(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Every HTTP role asks for it; a process of several registers it once.
        if (builder.Services.Any(s => s.ServiceType == typeof(Registered)))
        {
            return builder;
        }

        builder.Services.AddSingleton<Registered>();
        builder.Services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<HandlerlessEndpointsTransformer>();
            options.AddSchemaTransformer<SchemaConventions>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapVidsnapApiDocument(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi(Path.Replace(Name, "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        return endpoints;
    }

    private sealed class Registered;
}
