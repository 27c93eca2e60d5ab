using System.Text;

namespace Vidsnap.Client.Events;

/// <summary>One Server-Sent Event: its id (null when it had none), type and data.</summary>
public sealed record ServerSentEvent(string? Id, string Type, string Data);

/// <summary>Turns text/event-stream lines into events as the HTML standard says: fields, comments, a blank line dispatches.</summary>
internal sealed class ServerSentEventParser
{
    private readonly StringBuilder data = new();
    private string? type;
    private string? id;
    private bool hasData;

    /// <summary>The id of the last event that had one, for Last-Event-ID.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Takes one line (without its end); answers the event a blank line completes, else null.</summary>
    public ServerSentEvent? Feed(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0)
        {
            if (id is not null)
            {
                LastEventId = id;
            }

            var done = hasData ? new ServerSentEvent(id ?? LastEventId, type ?? "message", data.ToString()) : null;
            data.Clear();
            type = null;
            id = null;
            hasData = false;
            return done;
        }

        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "data":
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(value);
                hasData = true;
                break;
            case "event":
                type = value;
                break;
            case "id" when !value.Contains('\0', StringComparison.Ordinal):
                id = value;
                break;
        }

        return null;
    }
}
