using Vidsnap.Contracts;
using Vidsnap.StatusWorker;

namespace Vidsnap.UnitTests;

public class VideoStateMachineTests
{
    private static VideoStatusEvent Event(VideoEventKind kind, int attempt = 1, int? progress = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), attempt, kind, DateTimeOffset.UnixEpoch, progress, kind == VideoEventKind.Completed ? 5 : null);

    [Theory]
    [InlineData(VideoStatus.Queued, VideoEventKind.Processing, VideoStatus.Processing)]
    [InlineData(VideoStatus.Processing, VideoEventKind.Completed, VideoStatus.Completed)]
    [InlineData(VideoStatus.Processing, VideoEventKind.Failed, VideoStatus.Failed)]
    [InlineData(VideoStatus.Queued, VideoEventKind.Completed, VideoStatus.Completed)]
    [InlineData(VideoStatus.Queued, VideoEventKind.Failed, VideoStatus.Failed)]
    public void Moves_forward(VideoStatus from, VideoEventKind kind, VideoStatus to)
    {
        var transition = VideoStateMachine.Decide(from, 1, 0, Event(kind));

        Assert.True(transition.Applies);
        Assert.Equal(to, transition.Status);
        Assert.True(transition.AddsHistory);
    }

    [Theory]
    [InlineData(VideoStatus.Processing, VideoEventKind.Processing)]
    [InlineData(VideoStatus.Completed, VideoEventKind.Completed)]
    [InlineData(VideoStatus.Completed, VideoEventKind.Processing)]
    [InlineData(VideoStatus.Completed, VideoEventKind.Failed)]
    [InlineData(VideoStatus.Failed, VideoEventKind.Completed)]
    [InlineData(VideoStatus.Failed, VideoEventKind.Progress)]
    [InlineData(VideoStatus.AwaitingUpload, VideoEventKind.Processing)]
    public void Ignores_duplicates_and_late_events(VideoStatus from, VideoEventKind kind)
    {
        Assert.False(VideoStateMachine.Decide(from, 1, 50, Event(kind, progress: 60)).Applies);
    }

    [Fact]
    public void Ignores_events_of_an_earlier_attempt()
    {
        var transition = VideoStateMachine.Decide(VideoStatus.Queued, 2, 0, Event(VideoEventKind.Failed, attempt: 1));

        Assert.False(transition.Applies);
        Assert.Contains("attempt 1", transition.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_only_grows_and_stays_below_100_until_completed()
    {
        Assert.False(VideoStateMachine.Decide(VideoStatus.Processing, 1, 40, Event(VideoEventKind.Progress, progress: 30)).Applies);
        var forward = VideoStateMachine.Decide(VideoStatus.Processing, 1, 40, Event(VideoEventKind.Progress, progress: 100));
        Assert.True(forward.Applies);
        Assert.Equal(99, forward.Progress);
        Assert.False(forward.AddsHistory);
    }

    [Fact]
    public void Progress_before_processing_event_starts_processing()
    {
        var transition = VideoStateMachine.Decide(VideoStatus.Queued, 1, 0, Event(VideoEventKind.Progress, progress: 10));

        Assert.Equal(VideoStatus.Processing, transition.Status);
        Assert.True(transition.AddsHistory);
    }
}
