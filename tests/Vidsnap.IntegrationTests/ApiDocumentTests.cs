using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Vidsnap.AccessTokens;
using Vidsnap.Platform.Hosting;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The contract at /openapi/v1.json against the routes the app itself maps, in one process (embedded mode).</summary>
public sealed class ApiDocumentTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Every_route_the_app_maps_is_in_the_document_named_summarised_with_its_answers_and_scope()
    {
        using var client = app.Anonymous();
        var (document, _) = await ApiDocumentContract.ReadAsync(client.Http);
        var routes = ApiDocumentContract.RoutesOf(app.Services.GetRequiredService<EndpointDataSource>());

        // The app's own list, so a route added later (webhooks, events) is held to the same rule without a line here.
        Assert.True(routes.Count(r => !r.Excluded) >= 20, string.Join('\n', routes));
        Assert.Contains(routes, r => r.Excluded && r.Path.StartsWith("/storage/", StringComparison.Ordinal));
        var gaps = ApiDocumentContract.Gaps(routes, document);
        Assert.True(gaps.Count == 0, string.Join('\n', gaps));

        // And nothing in the document that the app does not map.
        var mapped = routes.Where(r => !r.Excluded).Select(r => $"{r.Method} {r.Path}").ToHashSet();
        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {p.Key}")).ToList();
        Assert.All(described, d => Assert.Contains(d, mapped));
    }

    [Fact]
    public async Task The_document_reads_and_validates_with_no_error_and_speaks_camel_case_strings_and_problems()
    {
        using var client = app.Anonymous();
        var (document, diagnostic) = await ApiDocumentContract.ReadAsync(client.Http);

        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Pointer}: {e.Message}")));

        var schemas = document.Components!.Schemas!;
        Assert.Equal(["id", "status", "upload"], schemas["CreatedVideoResponse"].Properties!.Keys);
        Assert.Equal(["AwaitingUpload", "Queued", "Processing", "Completed", "Failed"], schemas["VideoStatus"].Enum!.Select(v => v!.GetValue<string>()));
        Assert.Equal(JsonSchemaType.String, schemas["VideoStatus"].Type);
        Assert.Equal(["interval", "count", "timestamps", "keyframes", "scene"], schemas["ExtractionOptions"].Properties!["mode"].Enum!.Select(v => v!.GetValue<string>()));
        Assert.Contains("errors", schemas["HttpValidationProblemDetails"].Properties!.Keys);

        var create = document.Paths["/api/videos"].Operations![HttpMethod.Post];
        Assert.Equal("createVideo", create.OperationId);
        Assert.Equal(["contentType", "fileName", "sizeBytes"], schemas["CreateVideoRequest"].Required!.Order(StringComparer.Ordinal));
        Assert.IsType<OpenApiSchemaReference>(schemas["CreateVideoRequest"].Properties!["options"]);
        Assert.Equal("HttpValidationProblemDetails", ((OpenApiSchemaReference)create.Responses!["400"].Content!["application/problem+json"].Schema!).Reference.Id);
        var download = document.Paths["/api/videos/{id}/download"].Operations![HttpMethod.Get];
        Assert.Equal(["200", "401", "403", "404", "409"], download.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.All(download.Responses.Where(r => r.Key != "200"), r => Assert.Equal(["application/problem+json"], r.Value.Content!.Keys));
        Assert.Equal(["text/vtt"], document.Paths["/api/videos/{id}/storyboard"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys);

        // The creating POSTs that honour Idempotency-Key say so, with the problems a reused or busy key answers.
        foreach (var creating in new[] { create, document.Paths["/api/webhooks"].Operations![HttpMethod.Post] })
        {
            var header = Assert.Single(creating.Parameters!, p => p.Name == "Idempotency-Key");
            Assert.Equal((ParameterLocation.Header, false), (header.In!.Value, header.Required));
            Assert.Contains("409", creating.Responses!.Keys);
            Assert.Contains("422", creating.Responses.Keys);
        }
    }

    [Fact]
    public async Task Both_bearer_schemes_are_described_apart_and_each_secured_route_lists_its_scope()
    {
        using var client = app.Anonymous();
        var (document, _) = await ApiDocumentContract.ReadAsync(client.Http);

        var schemes = document.Components!.SecuritySchemes!;
        Assert.Equal(["accessToken", "apiKey"], schemes.Keys.Order(StringComparer.Ordinal));
        Assert.All(schemes.Values, s => Assert.Equal((SecuritySchemeType.Http, "bearer"), (s.Type!.Value, s.Scheme)));
        Assert.Equal("JWT", schemes["accessToken"].BearerFormat);
        Assert.Equal("vsk_...", schemes["apiKey"].BearerFormat);
        Assert.Contains("/auth/login", schemes["accessToken"].Description, StringComparison.Ordinal);
        Assert.Contains("POST /api/keys", schemes["apiKey"].Description, StringComparison.Ordinal);

        // A video read takes either credential with videos:read; keys only a person's token, with keys:manage.
        var list = document.Paths["/api/videos"].Operations![HttpMethod.Get];
        Assert.Equal(
            ["accessToken: videos:read", "apiKey: videos:read"],
            list.Security!.SelectMany(r => r.Select(s => $"{s.Key.Reference.Id}: {string.Join(' ', s.Value)}")).Order(StringComparer.Ordinal));
        Assert.Contains("videos:read", list.Description, StringComparison.Ordinal);
        var keys = document.Paths["/api/keys"].Operations![HttpMethod.Post];
        Assert.Equal(["accessToken: keys:manage"], keys.Security!.SelectMany(r => r.Select(s => $"{s.Key.Reference.Id}: {string.Join(' ', s.Value)}")));
        Assert.Contains("keys:manage", keys.Description, StringComparison.Ordinal);

        // Sign-in and the keys' JWKS need no credential, and say none.
        Assert.Null(document.Paths["/auth/login"].Operations![HttpMethod.Post].Security);
        Assert.Null(document.Paths["/auth/.well-known/jwks.json"].Operations![HttpMethod.Get].Security);
    }

    [Fact]
    public async Task Routes_mapped_without_their_metadata_or_left_out_are_caught()
    {
        using var careless = new VidsnapApp([], host => host.ConfigureServices(s => s.AddSingleton<IPublicEndpoints, CarelessRoutes>()));
        using var client = careless.Anonymous();
        var (document, _) = await ApiDocumentContract.ReadAsync(client.Http);

        var gaps = ApiDocumentContract.Gaps(ApiDocumentContract.RoutesOf(careless.Services.GetRequiredService<EndpointDataSource>()), document);

        Assert.Equal(
            [
                "GET /api/careless has no operation name (.WithName).",
                "GET /api/careless has no summary (.WithSummary).",
                "GET /api/middleware is mapped but missing from /openapi/v1.json.",
                "(any method) /api/anything answers any method; declare its methods so the document can describe them.",
                "GET /api/hidden is excluded from the document but is not one of the routes left out on purpose.",
            ],
            gaps);

        // A scope the document does not give the route is caught too: here, as if GET /api/videos needed videos:write.
        Assert.Equal(
            [
                "GET /api/videos needs videos:write, which a security requirement does not list.",
                "GET /api/videos needs videos:write, which its description does not say.",
            ],
            ApiDocumentContract.Gaps([new MappedRoute("GET", "/api/videos", ["videos:write"], Secured: true, Excluded: false)], document));
    }

    [Fact]
    public async Task A_gateway_whose_api_role_is_down_answers_a_problem_naming_it_instead_of_a_partial_document()
    {
        var closed = $"http://127.0.0.1:{HostProcess.FreePort()}";
        using var gateway = new VidsnapApp(new() { ["Vidsnap:Roles"] = "gateway", ["Gateway:ApiUrl"] = closed });
        using var client = gateway.Anonymous();

        using var response = await client.Http.GetAsync(ApiDocumentContract.Path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        var problem = await ApiClient.Json(response);
        Assert.Equal("api", problem["role"]!.GetValue<string>());
        Assert.Contains($"{closed}/openapi/v1.json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>What a hurried change might map: a handler with no name or summary, middleware, a route for any method, a hidden route.</summary>
    private sealed class CarelessRoutes : IPublicEndpoints
    {
        public void Map(IEndpointRouteBuilder routes)
        {
            routes.MapGet("/api/careless", () => "hello").RequireAuthorization(Scopes.VideosRead);
            routes.MapMethods("/api/middleware", [HttpMethods.Get], context => context.Response.WriteAsync("hello"));
            routes.Map("/api/anything", () => "hello").AllowAnonymous().WithName("anything").WithSummary("Anything");
            routes.MapGet("/api/hidden", () => "hello").ExcludeFromDescription();
        }
    }
}
