namespace Vidsnap.Contracts;

/// <summary>
/// A row that belongs to one account: deleting the account deletes every row of every table whose entity says
/// so, so a table added later is erased with the account without anyone remembering to list it.
/// </summary>
public interface IOwnedByAccount
{
    Guid UserId { get; }
}
