using Microsoft.Extensions.Options;

namespace Vidsnap.Api.Events;

/// <summary>Counts each user's open streams in this process, so that one user cannot hold all its connections.</summary>
public sealed class StreamSlots(IOptions<EventsOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, int> open = [];

    public bool TryTake(Guid userId)
    {
        lock (gate)
        {
            var count = open.GetValueOrDefault(userId);
            if (count >= options.Value.MaxStreamsPerUser)
            {
                return false;
            }

            open[userId] = count + 1;
            return true;
        }
    }

    public void Release(Guid userId)
    {
        lock (gate)
        {
            if (open.TryGetValue(userId, out var count))
            {
                if (count <= 1)
                {
                    open.Remove(userId);
                }
                else
                {
                    open[userId] = count - 1;
                }
            }
        }
    }
}
