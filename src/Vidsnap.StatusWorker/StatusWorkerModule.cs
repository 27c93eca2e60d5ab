using Microsoft.AspNetCore.Builder;
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
        return builder;
    }
}
