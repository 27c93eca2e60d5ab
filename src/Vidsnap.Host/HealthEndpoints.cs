using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Vidsnap.Platform.ApiDocument;

namespace Vidsnap.Host;

internal static class HealthEndpoints
{
    private const string Tag = "Operations";

    /// <summary>/health: the process serves. /health/ready: its database, storage and queue answer.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .Describe("getHealth", "Liveness", "Answers `Healthy` while the process serves requests; checks nothing else.", Tag,
                (StatusCodes.Status200OK, "text/plain", "`Healthy`."));
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous()
            .Describe("getReadiness", "Readiness", "Answers `Healthy` when this process's database, object storage and queue answer, `Unhealthy` (503) when one does not.", Tag,
                (StatusCodes.Status200OK, "text/plain", "`Healthy` (or `Degraded`)."),
                (StatusCodes.Status503ServiceUnavailable, "text/plain", "`Unhealthy`: a dependency does not answer."));
        return app;
    }
}
