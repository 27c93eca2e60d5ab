using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Contracts;
using Vidsnap.Infrastructure;

namespace Vidsnap.VideoWorker;

/// <summary>The video-worker role: probes, extracts, packages and stores; reports through status events only.</summary>
public static class VideoWorkerModule
{
    public static WebApplicationBuilder AddVideoWorkerRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<VideoWorkerOptions>().BindConfiguration(VideoWorkerOptions.Section)
            .Validate(o => o.StallTimeoutSeconds > 0 && o.JobTimeoutMinutes > 0 && o.MaxFrames > 0, "VideoWorker limits must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<MediaProbe>();
        builder.Services.AddSingleton<FrameExtractor>();
        builder.Services.AddSingleton<ExtrasBuilder>();
        builder.Services.AddSingleton<VideoExtraction>();
        builder.Services.AddHostedService<WorkDirectoryJanitor>();
        builder.Services.AddQueueConsumer<VideoJob, VideoJobHandler>(builder.Configuration);
        return builder;
    }
}
