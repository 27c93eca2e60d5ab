using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>What the document is about, and where clients reach it: Vidsnap:PublicBaseUrl when set, else the address the request came to.</summary>
internal sealed class DocumentInfoTransformer(IOptions<VidsnapOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Vidsnap",
            Version = "v1",
            Description = "Vidsnap turns videos into images. Sign in (or use an API key), ask for an upload slot, send the bytes "
                + "straight to its URL, say the upload is complete, then follow the video until its zip of frames is ready. "
                + "JSON is camelCase; every error is an RFC 7807 problem (`application/problem+json`), and a field that is not "
                + "valid is a 400 naming it in `errors`.",
        };
        if (options.Value.PublicBaseUrl is { Length: > 0 } publicBaseUrl)
        {
            document.Servers = [new OpenApiServer { Url = publicBaseUrl.TrimEnd('/') }];
        }

        return Task.CompletedTask;
    }
}
