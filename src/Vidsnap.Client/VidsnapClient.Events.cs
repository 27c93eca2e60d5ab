using Vidsnap.Client.Events;
using Vidsnap.Client.Models;

namespace Vidsnap.Client;

public sealed partial class VidsnapClient
{
    /// <summary>
    /// Waits until the video is Completed or Failed and answers it as GET shows it then. Follows its event stream,
    /// polling while the stream cannot be read; <paramref name="changed"/> hears of each change on the way.
    /// </summary>
    public Task<Video> WaitForVideoAsync(Guid id, Action<VideoChange>? changed = null, CancellationToken cancellationToken = default) =>
        new VideoWatcher(this, id, changed).WaitAsync(cancellationToken);
}
