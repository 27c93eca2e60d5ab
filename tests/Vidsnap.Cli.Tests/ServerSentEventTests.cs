using Vidsnap.Client.Events;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Tests;

public sealed class ServerSentEventTests
{
    [Fact]
    public void Server_sent_events_are_parsed_as_browsers_do()
    {
        var parser = new ServerSentEventParser();
        var id = Guid.NewGuid();
        string[] lines =
        [
            ": heartbeat", string.Empty,
            "id: 1042", "event: video", $"data: {{\"id\":\"{id}\",\"status\":\"Processing\",", "data: \"progress\":37}", string.Empty,
            "id: 1049", "event: deleted", $"data: {{\"id\":\"{id}\"}}", string.Empty,
        ];

        var events = lines.Select(parser.Feed).OfType<ServerSentEvent>().ToList();

        Assert.Equal(2, events.Count);
        Assert.Equal(("1042", "video"), (events[0].Id, events[0].Type));
        Assert.Equal(new VideoChange(id, VideoStatus.Processing, 37, null, null, false), VideoWatcher.Parse(events[0]));
        Assert.True(VideoWatcher.Parse(events[1])!.Deleted);
        Assert.Equal("1049", parser.LastEventId);
    }
}
