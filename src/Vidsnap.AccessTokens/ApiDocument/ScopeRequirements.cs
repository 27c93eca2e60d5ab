using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Vidsnap.Platform.ApiDocument;

namespace Vidsnap.AccessTokens.ApiDocument;

/// <summary>
/// Each route's scope, read from the authorization policy it declares where it is mapped (policies are named as
/// scopes), written as its security requirement's scopes and in its description, with the 401 and 403 it can answer.
/// A route added later is described the same way without anything written for it here.
/// </summary>
internal sealed class ScopeRequirements : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().ToList();
        if (policies.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var scopes = policies.Select(p => p.Policy).OfType<string>().Where(Scopes.ForPeople.Contains).Distinct(StringComparer.Ordinal).ToList();
        var document = context.Document;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.AccessToken, document)] = scopes });
        var keysMay = scopes.All(Scopes.ForKeys.Contains);
        if (keysMay)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.ApiKey, document)] = scopes });
        }

        var needs = scopes.Count == 0
            ? "Needs a signed-in caller: an access token or an API key."
            : keysMay
                ? $"**Scope: `{string.Join("`, `", scopes)}`.** An access token has it; an API key needs to have been made with it."
                : $"**Scope: `{string.Join("`, `", scopes)}`.** Only a person's access token has it: API keys cannot use this route.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : $"{operation.Description}\n\n{needs}";

        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status401Unauthorized,
            "No credential, or one that is not valid: expired, revoked, or not signed by Vidsnap's keys.", cancellationToken);
        if (scopes.Count > 0)
        {
            await ProblemResponses.AddAsync(operation, context, StatusCodes.Status403Forbidden,
                "The credential lacks the scope; the problem's `missingScope` names it.", cancellationToken);
        }
    }
}
