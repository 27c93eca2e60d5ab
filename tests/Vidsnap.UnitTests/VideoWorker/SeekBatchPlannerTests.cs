using Vidsnap.VideoWorker;

namespace Vidsnap.UnitTests.VideoWorker;

/// <summary>Moments costed from the keyframe index, grouped by GOP and packed into one run per core.</summary>
public sealed class SeekBatchPlannerTests
{
    private static List<Moment> Every(double seconds, double until) =>
        [.. Enumerable.Range(0, (int)(until / seconds)).Select(i => new Moment(i, i * seconds))];

    [Fact]
    public void A_moment_on_a_keyframe_costs_one_frame_and_one_after_it_the_frames_from_its_keyframe()
    {
        var batches = SeekBatchPlanner.Plan([new Moment(0, 10), new Moment(1, 25)], keyframes: [0, 10, 20, 30], frameRate: 30, processes: 2, maxInputsPerProcess: 16);

        var groups = batches.SelectMany(b => b.Groups).OrderBy(g => g.First).ToList();
        Assert.Equal(1, groups[0].Cost);
        Assert.Equal((5 * 30) + 1, groups[1].Cost);
        Assert.Equal([10.0, 20.0], groups.Select(g => g.Keyframe));
    }

    [Fact]
    public void Moments_that_share_a_gop_are_one_input_decoded_once()
    {
        // Keyframes every 10 s, a moment every 2 s: five moments per GOP.
        var keyframes = Enumerable.Range(0, 6).Select(i => i * 10.0).ToList();
        var batches = SeekBatchPlanner.Plan(Every(2, 60), keyframes, 25, processes: 2, maxInputsPerProcess: 16);

        var groups = batches.SelectMany(b => b.Groups).ToList();
        Assert.Equal(6, groups.Count);
        Assert.All(groups, g => Assert.Equal(5, g.Moments.Count));
        Assert.All(groups, g => Assert.Equal((8 * 25) + 5, g.Cost));
        Assert.Equal(30, groups.Sum(g => g.Moments.Count));
    }

    [Fact]
    public void Groups_are_packed_into_one_run_per_core_with_costs_balanced()
    {
        // Keyframes every 10 s, moments at 1 s then 9 s into each GOP alternately: costs 26 and 226.
        var keyframes = Enumerable.Range(0, 18).Select(i => i * 10.0).ToList();
        var moments = Enumerable.Range(0, 18).Select(i => new Moment(i, (i * 10) + (i % 2 == 0 ? 1 : 9))).ToList();

        var batches = SeekBatchPlanner.Plan(moments, keyframes, 25, processes: 2, maxInputsPerProcess: 16);

        Assert.Equal(2, batches.Count);
        Assert.Equal(18, batches.Sum(b => b.Groups.Count));
        Assert.True(Math.Abs(batches[0].Cost - batches[1].Cost) <= 226, string.Join(" vs ", batches.Select(b => b.Cost)));
        Assert.All(batches, b => Assert.Equal(b.Groups.OrderBy(g => g.First), b.Groups));
    }

    [Fact]
    public void No_run_takes_more_inputs_than_allowed_and_no_more_runs_than_groups_are_made()
    {
        var keyframes = Enumerable.Range(0, 100).Select(i => i * 2.0).ToList();
        var many = SeekBatchPlanner.Plan(Every(2, 200), keyframes, 30, processes: 2, maxInputsPerProcess: 16);
        Assert.All(many, b => Assert.True(b.Groups.Count <= 16));
        Assert.Equal(100, many.Sum(b => b.Groups.Count));

        var one = SeekBatchPlanner.Plan([new Moment(0, 5)], keyframes, 30, processes: 8, maxInputsPerProcess: 16);
        Assert.Single(one);
    }

    [Fact]
    public void Without_a_keyframe_index_every_moment_counts_from_the_start()
    {
        var batches = SeekBatchPlanner.Plan([new Moment(0, 4)], keyframes: [], frameRate: 25, processes: 2, maxInputsPerProcess: 16);
        Assert.Equal((4 * 25) + 1, Assert.Single(Assert.Single(batches).Groups).Cost);
    }
}
