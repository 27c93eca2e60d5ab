using Microsoft.AspNetCore.Builder;
using Vidsnap.Contracts;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Notifier;

/// <summary>The notifier role: turns terminal outcomes into one email each.</summary>
public static class NotifierModule
{
    public static WebApplicationBuilder AddNotifierRole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddQueueConsumer<NotificationRequest, NotificationHandler>();
        return builder;
    }
}
