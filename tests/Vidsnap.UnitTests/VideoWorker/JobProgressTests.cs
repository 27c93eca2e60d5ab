using Microsoft.Extensions.Time.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

public sealed class JobProgressTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<int> sent = [];

    private JobProgress Progress(int step = 1) => new(percent => { sent.Add(percent); return Task.CompletedTask; }, time, TimeSpan.FromSeconds(1), step);

    [Fact]
    public async Task Extraction_fills_the_first_80_percent_and_storing_the_rest_below_100()
    {
        var progress = Progress();
        progress.Extracting(50);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Extracting(100);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Storing(5, 10);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Storing(10, 10);
        await progress.DrainAsync();

        Assert.Equal([40, 80, 90, 99], sent);
    }

    [Fact]
    public void At_most_one_a_second_and_never_backwards()
    {
        var progress = Progress();
        progress.Extracting(10);
        progress.Extracting(20);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Extracting(5);
        progress.Storing(1, 100);

        Assert.Equal([8, 80], sent);
    }

    [Fact]
    public void A_segment_sends_only_what_moves_the_video_one_point()
    {
        var progress = Progress(JobProgress.StepFor(10));
        foreach (var percent in Enumerable.Range(1, 100))
        {
            progress.Extracting(percent);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        progress.Storing(50, 100);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Storing(99, 100);

        // Every 10 of the segment's points and none between: 9 sends where a step of 1 made 81.
        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90], sent);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(10, 10)]
    [InlineData(64, JobProgress.MaxStep)]
    [InlineData(0, 1)]
    public void The_step_is_one_point_of_the_video_within_bounds(int segments, int step) =>
        Assert.Equal(step, JobProgress.StepFor(segments));
}
