using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Infrastructure;
using Vidsnap.Infrastructure.Security;

namespace Vidsnap.Api;

/// <summary>The api role: the videos resource. It hands out storage URLs and never carries video bytes itself.</summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddApiRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVidsnapJwtValidation();
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.MinIntervalSeconds > 0 && o.MaxIntervalSeconds >= o.MinIntervalSeconds, "Api limits are inconsistent.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddOutboxRelay();
        return builder;
    }

    public static WebApplication MapApiRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapVideoEndpoints();
        return app;
    }
}
