using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Vidsnap.Platform.ApiDocument;
using Vidsnap.Platform.Management;

namespace Vidsnap.Host;

internal static class HealthEndpoints
{
    private const string Tag = "Operations";

    /// <summary>
    /// /health (liveness, on every port): the process serves. /health/ready, on the management port only: the
    /// database, storage and queue its roles use answer. Off the public document, as the public port lacks it.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .Describe("getHealth", "Liveness", "Answers `Healthy` while the process serves requests; checks nothing else.", Tag,
                (StatusCodes.Status200OK, "text/plain", "`Healthy`."));
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous()
            .RequireManagementPort()
            .ExcludeFromDescription();
        return app;
    }
}
