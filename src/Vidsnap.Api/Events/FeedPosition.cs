namespace Vidsnap.Api.Events;

/// <summary>
/// How far the change feed has read the change log, when ids do not become visible in their order: PostgreSQL
/// hands out an id when a row is inserted, not when it commits, so change 12 may be read before change 11 commits,
/// and an insert rolled back leaves its id missing for ever. Ids skipped over are waited for, each for
/// <see cref="GapTimeout"/>, and the <see cref="Watermark"/> (below which every change has been read or will never
/// come) stays below the oldest of them. Changes are delivered the moment they are read, whatever their order; the
/// watermark is only where a reader may safely resume.
/// </summary>
public sealed class FeedPosition(TimeSpan gapTimeout)
{
    /// <summary>
    /// More missing ids than this are not waited for: no database has that many inserts in flight at once, so a
    /// larger jump is ids that were never used (a sequence moved on, rows pruned).
    /// </summary>
    public const int MaxGaps = 1000;

    /// <summary>Missing ids and when each was first missed; the oldest ids were missed first.</summary>
    private readonly SortedDictionary<long, DateTimeOffset> gaps = [];

    public TimeSpan GapTimeout { get; } = gapTimeout;

    /// <summary>The highest id read.</summary>
    public long Highest { get; private set; }

    /// <summary>Every change up to this id has been read, or is given up on.</summary>
    public long Watermark => gaps.Count == 0 ? Highest : gaps.Keys.First() - 1;

    public IReadOnlyCollection<long> Gaps => gaps.Keys;

    /// <summary>
    /// Starts after <paramref name="highest"/>, waiting for the ids near it that <paramref name="present"/> (the log's
    /// ids from <see cref="MaxGaps"/> below it) lacks. Ids below the lowest of them are not waited for: they are
    /// changes pruned, not inserts yet to commit, and waiting would hold the watermark (every event's resume point)
    /// below the oldest change kept, where no stream can resume from, for <see cref="GapTimeout"/>.
    /// </summary>
    public void Start(long highest, IEnumerable<long> present, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(present);
        gaps.Clear();
        Highest = 0;
        Accept(highest, now);
        long? lowest = null;
        foreach (var id in present)
        {
            gaps.Remove(id);
            lowest = Math.Min(lowest ?? id, id);
        }

        while (lowest is { } floor && gaps.Count > 0 && gaps.Keys.First() < floor)
        {
            gaps.Remove(gaps.Keys.First());
        }
    }

    /// <summary>Whether a change read from the log is one not read before.</summary>
    public bool IsNew(long id) => id > Highest || gaps.ContainsKey(id);

    /// <summary>Takes a change as read (in id order within one read) and answers the watermark after it.</summary>
    public long Accept(long id, DateTimeOffset now)
    {
        if (id > Highest)
        {
            for (var missing = Math.Max(Highest + 1, id - MaxGaps); missing < id; missing++)
            {
                gaps.TryAdd(missing, now);
            }

            Highest = id;
            while (gaps.Count > MaxGaps)
            {
                gaps.Remove(gaps.Keys.First());
            }
        }
        else
        {
            gaps.Remove(id);
        }

        return Watermark;
    }

    /// <summary>Gives up on the ids missing for longer than <see cref="GapTimeout"/>: their inserts were rolled back.</summary>
    public void Expire(DateTimeOffset now)
    {
        while (gaps.Count > 0 && gaps.First() is var (id, missedAt) && now - missedAt >= GapTimeout)
        {
            gaps.Remove(id);
        }
    }
}
