using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Segments;

/// <summary>
/// An app that splits any plan of more than 20 s of decoding into segments of about 15 s, planning every source
/// where it is stored (as a production worker plans a large one), before any download.
/// </summary>
public sealed class SplitAppFixture : IDisposable
{
    public VidsnapApp App { get; } = new(new Dictionary<string, string>
    {
        ["VideoWorker:SplitAboveSeconds"] = "20",
        ["VideoWorker:SegmentSeconds"] = "15",
        ["VideoWorker:PlanInPlaceAboveBytes"] = "0",
        ["Consumers:video-jobs:Concurrency"] = "2",
    });

    public void Dispose() => App.Dispose();
}
