using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.AccessTokens;
using Vidsnap.Api.ApiDocument;
using Vidsnap.Platform.ApiDocument;
using Vidsnap.Api.Events;
using Vidsnap.Platform.Retention;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;

namespace Vidsnap.Api;

/// <summary>The api role: the videos resource and their live events. It hands out storage URLs and never carries video bytes itself.</summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddApiRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVidsnapAuthentication();
        builder.AddValidatedOptions<ApiOptions>();
        builder.AddValidatedOptions<RetentionOptions>();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddOutboxRelay();
        builder.Services.Configure<OpenApiOptions>(ApiDocumentRegistration.Name, document => document
            .AddSchemaTransformer<ExtractionOptionsSchema>()
            .AddOperationTransformer<IdempotencyKeyHeader>());
        builder.AddValidatedOptions<EventsOptions>();
        builder.Services.AddSingleton<StreamSlots>();
        builder.Services.AddSingleton<VideoChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<VideoChangeFeed>());
        builder.Services.AddSingleton<VideoChangePruner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<VideoChangePruner>());
        return builder;
    }

    public static WebApplication MapApiRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapVideoEndpoints();
        app.MapWebhookEndpoints();
        return app;
    }
}
