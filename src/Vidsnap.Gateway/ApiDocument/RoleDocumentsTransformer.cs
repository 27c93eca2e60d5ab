using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Vidsnap.Gateway.ApiDocument;

/// <summary>
/// When auth or api runs in another process (Gateway:AuthUrl, Gateway:ApiUrl), the gateway's document has only
/// its own routes; this adds each role's routes that the gateway forwards to it, from the role's own document,
/// so clients see one document whatever the deployment.
/// </summary>
internal sealed class RoleDocumentsTransformer(RoleDocuments roles, IOptions<GatewayOptions> options) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var (routes, clusters) = ProxyRoutes.Build(options.Value);
        var fetches = clusters.Select(async cluster =>
        {
            try
            {
                return (cluster.ClusterId, Document: await roles.GetAsync(cluster.ClusterId, new Uri(cluster.Destinations!.Values.Single().Address), cancellationToken), Error: (RoleDocumentUnavailableException?)null);
            }
            catch (RoleDocumentUnavailableException ex)
            {
                return (cluster.ClusterId, Document: (OpenApiDocument?)null, Error: ex);
            }
        }).ToList();
        var fetched = await Task.WhenAll(fetches);
        if (fetched.FirstOrDefault(f => f.Error is not null).Error is { } unavailable)
        {
            throw unavailable;
        }

        foreach (var (role, source, _) in fetched)
        {
            ApiDocumentMerge.Merge(document, source!, path => ProxyRoutes.ClusterFor(routes, path) == role);
        }
    }
}
