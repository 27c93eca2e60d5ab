using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Vidsnap.Testing;

/// <summary>A route an app maps, as the OpenAPI document must describe it.</summary>
/// <param name="Method">The HTTP method, or null when the route answers any method.</param>
/// <param name="Scopes">The scopes its authorization policies name; empty for a route open to anyone or any signed-in caller.</param>
public sealed record MappedRoute(string? Method, string Path, IReadOnlyList<string> Scopes, bool Secured, bool Excluded)
{
    public override string ToString() => $"{Method ?? "(any method)"} {Path}";
}

/// <summary>
/// The document at /openapi/v1.json held against the routes an app really maps (its EndpointDataSource), so a route
/// added anywhere without its description fails a test instead of going missing from the contract.
/// </summary>
public static partial class ApiDocumentContract
{
    public const string Path = "/openapi/v1.json";

    /// <summary>
    /// The routes left out of the document on purpose, by path prefix: the document itself, the reference that renders
    /// it, the embedded store's signed URLs, which clients follow from the api's answers and never build, and
    /// readiness and metrics, which only the management port serves.
    /// </summary>
    public static IReadOnlyList<string> LeftOutOnPurpose { get; } = ["/openapi/", "/docs", "/storage/", "/health/ready", "/metrics"];

    private static readonly string[] ScopeNames = ["videos:read", "videos:write", "webhooks:manage", "keys:manage"];

    /// <summary>Fetches the document and reads it with Microsoft.OpenApi's reader, which also runs its default validation rules.</summary>
    public static async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(Path, UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{Path}: {(int)response.StatusCode} {json}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var (document, diagnostic) = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        return (document, diagnostic);
    }

    /// <summary>Every route of the app, one per method, with what its metadata says about its authorization.</summary>
    public static IReadOnlyList<MappedRoute> RoutesOf(EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return [.. endpoints.Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var secured = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && metadata.GetMetadata<IAllowAnonymous>() is null;
            var scopes = secured
                ? metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(ScopeNames.Contains).Distinct().ToList()
                : [];
            var excluded = metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true };
            var path = PathOf(endpoint.RoutePattern.RawText ?? "/");
            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            return methods is null or { Count: 0 }
                ? [new MappedRoute(null, path, scopes, secured, excluded)]
                : methods.Select(m => new MappedRoute(m, path, scopes, secured, excluded));
        })];
    }

    /// <summary>What the document lacks or gets wrong for these routes; empty when it describes them all.</summary>
    public static IReadOnlyList<string> Gaps(IEnumerable<MappedRoute> routes, OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(document);
        var gaps = new List<string>();
        foreach (var route in routes)
        {
            if (route.Excluded)
            {
                if (!LeftOutOnPurpose.Any(p => route.Path.StartsWith(p, StringComparison.Ordinal) || route.Path == p.TrimEnd('/')))
                {
                    gaps.Add($"{route} is excluded from the document but is not one of the routes left out on purpose.");
                }

                continue;
            }

            if (route.Method is null)
            {
                gaps.Add($"{route} answers any method; declare its methods so the document can describe them.");
                continue;
            }

            var operation = document.Paths?.GetValueOrDefault(route.Path)?.Operations?.GetValueOrDefault(HttpMethod.Parse(route.Method));
            if (operation is null)
            {
                gaps.Add($"{route} is mapped but missing from {Path}.");
                continue;
            }

            gaps.AddRange(GapsOf(route, operation));
        }

        return gaps;
    }

    private static IEnumerable<string> GapsOf(MappedRoute route, OpenApiOperation operation)
    {
        if (string.IsNullOrEmpty(operation.OperationId))
        {
            yield return $"{route} has no operation name (.WithName).";
        }

        if (string.IsNullOrEmpty(operation.Summary))
        {
            yield return $"{route} has no summary (.WithSummary).";
        }

        var responses = operation.Responses ?? [];
        if (!responses.Keys.Any(k => k.StartsWith('2')))
        {
            yield return $"{route} declares no success answer (.Produces).";
        }

        foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' && r.Value.Content is { Count: > 0 }))
        {
            if (!response.Content!.ContainsKey("application/problem+json"))
            {
                yield return $"{route} answers {status} as {string.Join(", ", response.Content.Keys)}, not as a problem (application/problem+json).";
            }
        }

        if (!route.Secured)
        {
            yield break;
        }

        if (operation.Security is not { Count: > 0 } security)
        {
            yield return $"{route} needs a credential but lists no security requirement.";
            yield break;
        }

        if (!responses.ContainsKey("401"))
        {
            yield return $"{route} needs a credential but does not say it answers 401.";
        }

        foreach (var scope in route.Scopes)
        {
            if (!security.All(requirement => requirement.Values.All(scopes => scopes.Contains(scope))))
            {
                yield return $"{route} needs {scope}, which a security requirement does not list.";
            }

            if (operation.Description?.Contains(scope, StringComparison.Ordinal) != true)
            {
                yield return $"{route} needs {scope}, which its description does not say.";
            }

            if (!responses.ContainsKey("403"))
            {
                yield return $"{route} needs {scope} but does not say it answers 403 without it.";
            }
        }
    }

    /// <summary>
    /// The route pattern as OpenAPI writes paths: each parameter without its constraint or catch-all stars, and no
    /// trailing slash (a group's "" route reads "/api/videos/", and matches /api/videos).
    /// </summary>
    public static string PathOf(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var path = "/" + Parameter().Replace(pattern, "{${name}}").Trim('/');
        return path;
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
