using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vidsnap.AccessTokens.ApiDocument;
using Vidsnap.AccessTokens.ApiKeys;
using Vidsnap.Platform.ApiDocument;
using Vidsnap.Platform.Options;

namespace Vidsnap.AccessTokens;

public static class AuthenticationRegistration
{
    /// <summary>
    /// Strict authentication, shared by the gateway, the api and auth's key routes (each checks; none trusts
    /// another's headers). An access token: ES256 only, issuer, audience, lifetime with at most 30 s of skew, a
    /// known key. An API key: known, not revoked, limited to its scopes. One policy per scope.
    /// Registering it twice, as co-hosted roles do, is harmless.
    /// </summary>
    public static WebApplicationBuilder AddVidsnapAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(s => s.ServiceType == typeof(JwksConfigurationManager)))
        {
            return builder;
        }

        builder.AddValidatedOptions<JwtOptions>();
        builder.Services.AddHttpClient(nameof(JwksConfigurationManager), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<SelfAddress>();
        builder.Services.AddSingleton<JwksConfigurationManager>();
        builder.Services.AddSingleton(sp => new ValidatedTokens(sp.GetRequiredService<IOptions<JwtOptions>>().Value));
        builder.AddValidatedOptions<ApiKeyOptions>();
        builder.Services.AddSingleton<ApiKeyLookup>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.BearerOrKey)
            .AddPolicyScheme(ApiKeyAuthentication.BearerOrKey, "Access token or API key", scheme => scheme.ForwardDefaultSelector = context =>
                ApiKeyAuthentication.IsApiKey(context.Request.Headers.Authorization) ? ApiKeyAuthentication.Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, JwksConfigurationManager, ValidatedTokens, TimeProvider>((bearer, jwt, keys, validated, time) =>
            {
                Configure(bearer, jwt.Value, keys);
                if (jwt.Value.ValidatedTokenCacheSize > 0)
                {
                    bearer.TokenHandlers.Clear();
                    bearer.TokenHandlers.Add(new CachingTokenHandler(validated.Cache, time));
                }
            });
        builder.Services.AddAuthorization();
        builder.Services.AddScopePolicies();
        builder.Services.Configure<OpenApiOptions>(ApiDocumentRegistration.Name, document => document
            .AddDocumentTransformer<SecuritySchemes>()
            .AddOperationTransformer<ScopeRequirements>());
        return builder;
    }

    public static TokenValidationParameters ValidationParameters(JwtOptions jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        return new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidAlgorithms = [JwtOptions.Algorithm],
            ValidTypes = ["JWT", "at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            NameClaimType = "email",
        };
    }

    private static void Configure(JwtBearerOptions bearer, JwtOptions jwt, JwksConfigurationManager keys)
    {
        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = false;
        bearer.ConfigurationManager = keys;
        bearer.RefreshOnIssuerKeyNotFound = true;
        bearer.TokenValidationParameters = ValidationParameters(jwt);
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // Keys come only from our own JWKS: a token that points elsewhere for its key is refused outright.
                if (context.SecurityToken is JsonWebToken token
                    && (token.TryGetHeaderValue<string>("jku", out _) || token.TryGetHeaderValue<string>("x5u", out _)
                        || token.TryGetHeaderValue<object>("jwk", out _)))
                {
                    context.Fail("Tokens that name their own key location are not accepted.");
                }

                return Task.CompletedTask;
            },
        };
    }
}
