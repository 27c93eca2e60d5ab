using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Auth;

/// <summary>The auth role: users, password hashes, access and refresh tokens, and the signing keys (JWKS).</summary>
public static class AuthModule
{
    public static WebApplicationBuilder AddAuthRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.PasswordIterations >= AuthOptions.MinimumPasswordIterations, $"Auth:PasswordIterations must be at least {AuthOptions.MinimumPasswordIterations}.")
            .Validate(o => o.MinimumPasswordLength >= 8, "Auth:MinimumPasswordLength must be at least 8.")
            .Validate(o => o.LockoutThreshold >= 1 && o.LockoutMinutes >= 1, "Auth:LockoutThreshold and Auth:LockoutMinutes must be at least 1.")
            .Validate(o => o.SigningKeyRotationDays >= 1 && o.SigningKeyActivationDelaySeconds >= 0, "Auth:SigningKeyRotationDays must be at least 1 and Auth:SigningKeyActivationDelaySeconds at least 0.")
            .ValidateOnStart();
        builder.Services.AddOptions<Infrastructure.Security.JwtOptions>().BindConfiguration(Infrastructure.Security.JwtOptions.Section);
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddScoped<TokenService>();
        builder.Services.AddScoped<LoginLockout>();
        return builder;
    }

    public static WebApplication MapAuthRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAuthEndpoints();
        return app;
    }
}
