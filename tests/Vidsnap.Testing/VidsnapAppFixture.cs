namespace Vidsnap.Testing;

/// <summary>One running app per test class.</summary>
public sealed class VidsnapAppFixture : IDisposable
{
    public VidsnapApp App { get; } = new();

    public void Dispose() => App.Dispose();
}
