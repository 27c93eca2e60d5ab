using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Platform.Hosting;

internal sealed class DatabaseHealthCheck(VidsnapDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Database unreachable.");
}

internal sealed class StorageHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.CheckReachableAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

internal sealed class QueueHealthCheck(IMessageQueue queue) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await queue.CheckReachableAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
