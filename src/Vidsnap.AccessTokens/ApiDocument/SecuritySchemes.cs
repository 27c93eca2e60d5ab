using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vidsnap.AccessTokens.ApiDocument;

/// <summary>
/// The two ways to authenticate. Both are HTTP bearer credentials in the Authorization header, told apart by
/// their form (an API key starts with vsk_), so the document names them separately: a client knows which it holds.
/// </summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string AccessToken = "accessToken";

    public const string ApiKey = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent(AccessToken, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A person's access token: the `accessToken` that `POST /auth/login` and `POST /auth/refresh` answer, "
                + $"an ES256 JWT valid for minutes. Send `Authorization: Bearer <token>`. It carries every scope ({string.Join(", ", Scopes.ForPeople)}).",
        });
        document.AddComponent(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "vsk_...",
            Description = "An API key for another system: the `secret` that `POST /api/keys` answers once, starting with `vsk_`. "
                + "Send `Authorization: Bearer vsk_...`. It carries only the scopes it was made with, and never keys:manage.",
        });
        return Task.CompletedTask;
    }
}
