using Vidsnap.Api;
using Vidsnap.Auth;
using Vidsnap.Gateway;
using Vidsnap.Notifier;
using Vidsnap.StatusWorker;
using Vidsnap.VideoWorker;

namespace Vidsnap.Host;

/// <summary>
/// One role: its name, what it registers, the middleware it puts in front of everything, the endpoints it maps,
/// whether it authenticates requests, whether it has public routes to describe in the OpenAPI document that a
/// process of it serves, and whether it reads or writes the database. A process composes its roles by walking this
/// table, as Loki's modules; one whose roles all leave the database alone gets no database, credentials or check.
/// </summary>
internal sealed record RoleModule(
    string Name,
    Action<WebApplicationBuilder> Register,
    Action<WebApplication>? UseMiddleware = null,
    Action<WebApplication>? MapEndpoints = null,
    bool AuthenticatesRequests = false,
    bool DescribesRoutes = false,
    bool UsesDatabase = true);

internal static class RoleModules
{
    /// <summary>Every role, in the order its middleware and endpoints go into a process that runs several.</summary>
    public static IReadOnlyList<RoleModule> All { get; } =
    [
        new(RoleSet.Gateway, b => b.AddGatewayRole(), a => a.UseGatewayMiddleware(), a => a.MapGatewayRole(), AuthenticatesRequests: true, DescribesRoutes: true),
        new(RoleSet.Auth, b => b.AddAuthRole(), MapEndpoints: a => a.MapAuthRole(), AuthenticatesRequests: true, DescribesRoutes: true),
        new(RoleSet.Api, b => b.AddApiRole(), MapEndpoints: a => a.MapApiRole(), AuthenticatesRequests: true, DescribesRoutes: true),
        // It runs ffmpeg on files anyone uploads, so it holds no database credentials: it reports through status events.
        new(RoleSet.VideoWorker, b => b.AddVideoWorkerRole(), UsesDatabase: false),
        new(RoleSet.StatusWorker, b => b.AddStatusWorkerRole()),
        new(RoleSet.Notifier, b => b.AddNotifierRole()),
    ];
}
