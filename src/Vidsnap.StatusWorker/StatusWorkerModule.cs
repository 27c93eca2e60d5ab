using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Platform.Retention;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;

namespace Vidsnap.StatusWorker;

/// <summary>The status-worker role: the only writer of a video's processing state.</summary>
public static class StatusWorkerModule
{
    public static WebApplicationBuilder AddStatusWorkerRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddQueueConsumer<VideoStatusEvent, VideoStatusEventHandler>();
        builder.Services.AddOutboxRelay();
        builder.AddValidatedOptions<RecoveryOptions>();
        builder.Services.AddSingleton<StalledVideoSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StalledVideoSweeper>());
        builder.AddValidatedOptions<RetentionOptions>();
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        builder.Services.AddSingleton<AbandonedUploadSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AbandonedUploadSweeper>());
        return builder;
    }
}
