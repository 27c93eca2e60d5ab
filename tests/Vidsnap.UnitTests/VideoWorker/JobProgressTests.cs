using Microsoft.Extensions.Time.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

public sealed class JobProgressTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<int> sent = [];

    private JobProgress Progress() => new(percent => { sent.Add(percent); return Task.CompletedTask; }, time, TimeSpan.FromSeconds(1));

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
}
