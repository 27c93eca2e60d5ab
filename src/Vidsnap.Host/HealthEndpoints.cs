using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Vidsnap.Host;

internal static class HealthEndpoints
{
    /// <summary>/health: the process serves. /health/ready: its database, storage and queue answer.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
