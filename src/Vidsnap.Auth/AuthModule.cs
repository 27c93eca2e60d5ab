using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.AccessTokens;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Retention;

namespace Vidsnap.Auth;

/// <summary>The auth role: users, password hashes, access and refresh tokens, and the signing keys (JWKS).</summary>
public static class AuthModule
{
    public static WebApplicationBuilder AddAuthRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<AuthOptions>();
        builder.AddVidsnapAuthentication();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddScoped<TokenService>();
        builder.Services.AddScoped<LoginLockout>();
        builder.Services.AddSingleton<DeviceCookie>();
        builder.Services.AddScoped<EmailVerificationService>();
        builder.Services.AddScoped<AccountErasure>();
        builder.AddValidatedOptions<RetentionOptions>();
        builder.Services.AddOutboxRelay();
        return builder;
    }

    public static WebApplication MapAuthRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAuthEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAccountEndpoints();
        app.MapUnlockEndpoints();
        app.MapPasswordEndpoints();
        return app;
    }
}
