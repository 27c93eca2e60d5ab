using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Vidsnap.Gateway;
using Vidsnap.Gateway.ApiDocument;

namespace Vidsnap.UnitTests.Gateway;

/// <summary>The distributed gateway's document: its own routes plus, from each role's document, the routes it forwards to that role.</summary>
public sealed class ApiDocumentMergeTests
{
    private const string GatewayDocument = """
        {"openapi": "3.1.1", "info": {"title": "Vidsnap", "version": "v1"},
         "paths": {"/health": {"get": {"operationId": "getHealth", "responses": {"200": {"description": "the gateway's own"}}}}},
         "tags": [{"name": "Operations"}]}
        """;

    private const string AuthDocument = """
        {"openapi": "3.1.1", "info": {"title": "Vidsnap", "version": "v1"},
         "paths": {
           "/auth/login": {"post": {"operationId": "login", "tags": ["Auth"], "responses": {
             "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenPair"}}}},
             "401": {"description": "Unauthorized", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}}}},
           "/api/keys": {"get": {"operationId": "listApiKeys", "security": [{"accessToken": ["keys:manage"]}], "responses": {"200": {"description": "OK"}}}},
           "/health": {"get": {"operationId": "getHealth", "responses": {"200": {"description": "auth's own"}}}}},
         "components": {
           "schemas": {
             "TokenPair": {"type": "object", "properties": {"accessToken": {"type": "string"}}},
             "ProblemDetails": {"type": "object", "properties": {"title": {"type": ["null", "string"]}}}},
           "securitySchemes": {"accessToken": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}},
         "tags": [{"name": "Auth"}]}
        """;

    private const string ApiDocument = """
        {"openapi": "3.1.1", "info": {"title": "Vidsnap", "version": "v1"},
         "paths": {
           "/api/videos/{id}": {"get": {"operationId": "getVideo", "security": [{"accessToken": ["videos:read"]}, {"apiKey": ["videos:read"]}],
             "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
             "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VideoResponse"}}}},
               "404": {"description": "Not Found", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}}}},
           "/auth/stray": {"get": {"operationId": "stray", "responses": {"200": {"description": "not the api's to give"}}}},
           "/health": {"get": {"operationId": "getHealth", "responses": {"200": {"description": "api's own"}}}}},
         "components": {
           "schemas": {
             "VideoResponse": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}, "status": {"$ref": "#/components/schemas/VideoStatus"}}},
             "VideoStatus": {"type": "string", "enum": ["Queued", "Completed"]},
             "ProblemDetails": {"type": "object", "properties": {"title": {"type": ["null", "string"]}}}},
           "securitySchemes": {
             "accessToken": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
             "apiKey": {"type": "http", "scheme": "bearer", "bearerFormat": "vsk_..."}}},
         "tags": [{"name": "Videos"}]}
        """;

    private static readonly GatewayOptions Distributed = new() { AuthUrl = "http://127.0.0.1:5001", ApiUrl = "http://127.0.0.1:5002" };

    [Fact]
    public void Takes_from_each_role_the_paths_the_gateway_forwards_to_it_with_the_components_they_refer_to()
    {
        var gateway = Read(GatewayDocument);

        Merge(gateway);

        Assert.Equal(["/api/keys", "/api/videos/{id}", "/auth/login", "/health"], gateway.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("the gateway's own", gateway.Paths["/health"].Operations![HttpMethod.Get].Responses!["200"].Description);
        Assert.Equal(["ProblemDetails", "TokenPair", "VideoResponse", "VideoStatus"], gateway.Components!.Schemas!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["accessToken", "apiKey"], gateway.Components.SecuritySchemes!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Auth", "Operations", "Videos"], gateway.Tags!.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_merged_document_written_and_read_again_has_every_reference_resolved_and_no_error()
    {
        var gateway = Read(GatewayDocument);
        Merge(gateway);

        using var text = new StringWriter();
        gateway.SerializeAsV31(new OpenApiJsonWriter(text));
        var (again, diagnostic) = OpenApiDocument.Parse(text.ToString(), OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(diagnostic!.Errors);
        Assert.NotNull(again);
        Assert.Empty(again.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        var video = (OpenApiSchemaReference)again.Paths["/api/videos/{id}"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal("VideoResponse", video.Reference.Id);
        Assert.NotNull(video.Target);
        Assert.Equal(
            ["accessToken: videos:read", "apiKey: videos:read"],
            again.Paths["/api/videos/{id}"].Operations![HttpMethod.Get].Security!.SelectMany(r => r.Select(s => $"{s.Key.Reference.Id}: {string.Join(' ', s.Value)}")));
    }

    [Theory]
    [InlineData("/auth/login", "auth")]
    [InlineData("/auth/.well-known/jwks.json", "auth")]
    [InlineData("/api/keys", "auth")]
    [InlineData("/api/me", "auth")]
    [InlineData("/api/keys/{id}", "auth")]
    [InlineData("/api/videos", "api")]
    [InlineData("/api/videos/{id}/events", "api")]
    [InlineData("/api/webhooks", "api")]
    [InlineData("/api/keysmith", "api")]
    [InlineData("/health", null)]
    [InlineData("/health/ready", null)]
    [InlineData("/metrics", null)]
    public void Each_path_belongs_to_the_role_the_gateway_forwards_it_to(string path, string? role)
    {
        var (routes, _) = ProxyRoutes.Build(Distributed);

        Assert.Equal(role, ProxyRoutes.ClusterFor(routes, path));
    }

    private static void Merge(OpenApiDocument gateway)
    {
        var (routes, _) = ProxyRoutes.Build(Distributed);
        ApiDocumentMerge.Merge(gateway, Read(AuthDocument), path => ProxyRoutes.ClusterFor(routes, path) == "auth");
        ApiDocumentMerge.Merge(gateway, Read(ApiDocument), path => ProxyRoutes.ClusterFor(routes, path) == "api");
    }

    private static OpenApiDocument Read(string json)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.Empty(diagnostic!.Errors);
        return document!;
    }
}
