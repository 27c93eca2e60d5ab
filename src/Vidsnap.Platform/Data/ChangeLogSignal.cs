using Vidsnap.Platform.Messaging;

namespace Vidsnap.Platform.Data;

/// <summary>
/// Wakes this process's reader of the change logs (the api's change feed) when this process has just saved
/// entries, so a change made here is followed at once; changes saved by other processes are found by polling.
/// </summary>
public sealed class ChangeLogSignal : WakeSignal;
