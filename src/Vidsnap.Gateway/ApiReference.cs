using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;
using Vidsnap.Platform.ApiDocument;

namespace Vidsnap.Gateway;

/// <summary>
/// The interactive API reference at /docs: Scalar, whose script, module and icon are compiled into its package and
/// served from here, reading this gateway's own document. Nothing is fetched from elsewhere: no fonts from Scalar's
/// CDN, no telemetry, no AI agent, MCP or developer toolbar (links and services elsewhere), and "try it" requests go to this origin.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference(Path, options => options
            .WithTitle("Vidsnap API reference")
            // A same-origin script, before Scalar's, with the one setting its bundle must have before it runs (see the file).
            .AddHeadContent("<script src=\"/api-reference.js\"></script>")
            .WithOpenApiRoutePattern(ApiDocumentRegistration.Path)
            .WithNonce()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            // A small API: every operation in the sidebar at once reads better than four folded groups.
            .ExpandAllTags()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)).AllowAnonymous();

    /// <summary>
    /// Scalar's page starts itself with an inline module script, so /docs gets its own policy (see
    /// <see cref="ContentSecurityPolicy.ForApiReference"/>) carrying the nonce Scalar put on that page's script tags,
    /// fresh for each request. Everything else, Scalar's own script files included, keeps the strict policy.
    /// </summary>
    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                    {
                        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ForApiReference(nonce);
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
}
