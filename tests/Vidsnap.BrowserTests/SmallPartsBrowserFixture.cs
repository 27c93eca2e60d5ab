using System.Globalization;

namespace Vidsnap.BrowserTests;

/// <summary>
/// As <see cref="BrowserFixture"/>, with an embedded store that takes any file over 64 KiB in parts of 64 KiB (the
/// smallest it allows), so a test video of a few hundred KiB goes up in several parts that can be held and resumed,
/// and limits other than the defaults, so a page showing them can only have read them from GET /api/limits.
/// </summary>
public sealed class SmallPartsBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Storage:Local:MultipartThresholdBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
    ["Storage:Local:PartSizeBytes"] = PartBytes.ToString(CultureInfo.InvariantCulture),
    ["Api:DefaultMaxFrames"] = DefaultMaxFrames.ToString(CultureInfo.InvariantCulture),
    ["Api:MinIntervalSeconds"] = MinIntervalSeconds.ToString(CultureInfo.InvariantCulture),
})
{
    public const int PartBytes = 64 * 1024;
    public const int DefaultMaxFrames = 900;
    public const double MinIntervalSeconds = 0.05;
}
