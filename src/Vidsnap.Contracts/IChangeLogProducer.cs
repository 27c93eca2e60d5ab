namespace Vidsnap.Contracts;

/// <summary>
/// Something that keeps a log of its changes apart from itself, such as a video's change feed. The database adds
/// the entries in the same transaction as the change; no relationship ties them to their producer, so they outlive it.
/// </summary>
public interface IChangeLogProducer
{
    /// <summary>The entries (entities of the model) logged since the last call; each is handed out once.</summary>
    IReadOnlyList<object> TakeChangeLog();
}
