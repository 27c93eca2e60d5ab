using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Notifier.Webhooks;
using Vidsnap.Platform.Egress;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Webhooks;

namespace Vidsnap.Notifier;

/// <summary>The notifier role: tells people by email (once per video and outcome) and systems by signed webhook.</summary>
public static class NotifierModule
{
    public static WebApplicationBuilder AddNotifierRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddQueueConsumer<NotificationRequest, NotificationHandler>();
        builder.Services.AddQueueConsumer<VideoLifecycleEvent, VideoLifecycleEventHandler>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => EgressGuard.CreateHandler(
                sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateTargets ?? sp.GetRequiredService<EgressPolicy>().AllowPrivateNetworks));
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
