using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Vidsnap.Contracts;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Options;

namespace Vidsnap.VideoWorker;

/// <summary>The video-worker role: probes, extracts, packages and stores; reports through status events only.</summary>
public static class VideoWorkerModule
{
    public static WebApplicationBuilder AddVideoWorkerRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVideoExtraction();
        builder.Services.AddHostedService<WorkDirectoryJanitor>();
        builder.Services.AddSingleton<Sources.SourceRangeServer>();
        builder.Services.AddSingleton<Sources.StoredSources>();
        builder.Services.AddSingleton<Outputs.OutputStore>();
        builder.Services.AddSingleton<Segments.SegmentExtraction>();
        builder.Services.AddSingleton<Segments.SegmentJoin>();
        builder.Services.AddQueueConsumer<VideoJob, VideoJobHandler>();
        return builder;
    }

    /// <summary>
    /// probe -> plan -> extract -> extras -> zip, with its settings, on the real ffmpeg and ffprobe: what the
    /// worker runs and what `vidsnap extract` runs. A test replaces <see cref="IToolRunner"/> to see every run.
    /// </summary>
    public static IHostApplicationBuilder AddVideoExtraction(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<VideoWorkerOptions>();
        builder.Services.TryAddSingleton<IToolRunner, ProcessToolRunner>();
        builder.Services.AddSingleton<MediaProbe>();
        builder.Services.AddSingleton<FrameExtractor>();
        builder.Services.AddSingleton<ExtrasBuilder>();
        builder.Services.AddSingleton<VideoExtraction>();
        return builder;
    }
}
