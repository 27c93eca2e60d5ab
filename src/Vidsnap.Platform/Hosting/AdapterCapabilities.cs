using Microsoft.AspNetCore.Routing;

namespace Vidsnap.Platform.Hosting;

/// <summary>Work an adapter must finish before the roles start, such as migrating the embedded database.</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Routes an adapter serves on the public port, such as the embedded store's signed URLs; the gateway maps them.</summary>
public interface IPublicEndpoints
{
    void Map(IEndpointRouteBuilder routes);
}

/// <summary>What `vidsnap setup` creates for an adapter that needs it made once, such as a bucket or the queues.</summary>
public interface IProvisioner
{
    /// <summary>What is ready once it ran, for the log.</summary>
    string Provides { get; }

    Task ProvisionAsync(CancellationToken cancellationToken);
}
