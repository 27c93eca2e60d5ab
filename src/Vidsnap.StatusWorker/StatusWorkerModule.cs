using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Infrastructure;

namespace Vidsnap.StatusWorker;

/// <summary>The status-worker role: the only writer of a video's processing state.</summary>
public static class StatusWorkerModule
{
    public static WebApplicationBuilder AddStatusWorkerRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddQueueConsumer<VideoStatusEvent, VideoStatusEventHandler>(builder.Configuration);
        builder.Services.AddOutboxRelay();
        builder.Services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.Section)
            .Validate(o => o.StaleAfterSeconds >= 10 && o.LookbackHours >= 1, "Recovery:StaleAfterSeconds must be at least 10 and Recovery:LookbackHours at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StalledVideoSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StalledVideoSweeper>());
        return builder;
    }
}
