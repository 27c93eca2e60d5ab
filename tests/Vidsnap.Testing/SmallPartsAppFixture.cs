namespace Vidsnap.Testing;

/// <summary>
/// One running app per test class whose store takes any file over 5 MiB in parts of 5 MiB, the smallest part S3
/// takes, so multipart uploads are tried with small files as on S3.
/// </summary>
public sealed class SmallPartsAppFixture : IDisposable
{
    public const int PartBytes = 5 * 1024 * 1024;

    public VidsnapApp App { get; } = new(new Dictionary<string, string>
    {
        ["Storage:Local:MultipartThresholdBytes"] = PartBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Storage:Local:PartSizeBytes"] = PartBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public void Dispose() => App.Dispose();
}
