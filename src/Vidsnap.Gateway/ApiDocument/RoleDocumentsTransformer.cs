using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Vidsnap.Gateway.ApiDocument;

/// <summary>
/// When auth or api runs in another process (Gateway:AuthUrl, Gateway:ApiUrl), the gateway's document has only
/// its own routes; this adds each role's routes that the gateway forwards to it, from the role's own document,
/// so clients see one document whatever the deployment. A role that does not answer fails the whole document.
/// </summary>
internal sealed class RoleDocumentsTransformer(RoleDocuments roles, IOptions<GatewayOptions> options) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var (routes, clusters) = ProxyRoutes.Build(options.Value);
        var fetches = clusters
            .Select(c => (Role: c.ClusterId, Document: roles.GetAsync(c.ClusterId, new Uri(c.Destinations!.Values.Single().Address), cancellationToken)))
            .ToList();
        await Task.WhenAll(fetches.Select(f => f.Document));
        foreach (var (role, fetched) in fetches)
        {
            ApiDocumentMerge.Merge(document, await fetched, path => ProxyRoutes.ClusterFor(routes, path) == role);
        }
    }
}
