namespace Vidsnap.IntegrationTests.FaultInjection;

/// <summary>A running Vidsnap that a fault-injection run can hurt: kill a process, restart a server.</summary>
public interface IFaultTarget
{
    string Mode { get; }

    Uri Gateway { get; }

    /// <summary>The data directory: stored objects and the mail directory are under it.</summary>
    string DataDirectory { get; }

    /// <summary>The roles a kill may hit, in the order kills cycle through them.</summary>
    IReadOnlyList<string> Roles { get; }

    /// <summary>SIGKILLs the role's process; something (the supervisor, or the target itself) starts it again.</summary>
    Task KillAsync(string role);

    /// <summary>The restarts of infrastructure this target can do, each run once in a run.</summary>
    IReadOnlyDictionary<string, Func<Task>> Restarts { get; }
}
