using Vidsnap.Cli.Settings;

namespace Vidsnap.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UploadStateStoreTests : IDisposable
{
    private static readonly Uri Server = new("http://localhost:8080/");
    private static readonly DateTime Modified = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-cli-state-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_same_file_on_the_same_server_has_the_same_key() =>
        Assert.Equal(UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified, Server), UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified, new Uri("http://localhost:8080/")));

    [Fact]
    public void Another_path_size_time_or_server_is_another_upload()
    {
        var key = UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified, Server);
        string[] others =
        [
            UploadStateStore.KeyOf("/videos/b.mp4", 1000, Modified, Server),
            UploadStateStore.KeyOf("/videos/a.mp4", 1001, Modified, Server),
            UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified.AddTicks(1), Server),
            UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified, new Uri("http://127.0.0.1:8080/")),
        ];
        Assert.All(others, other => Assert.NotEqual(key, other));
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void A_state_is_kept_read_back_and_removed_and_only_its_owner_may_read_it()
    {
        var store = new UploadStateStore(directory);
        var key = UploadStateStore.KeyOf("/videos/a.mp4", 1000, Modified, Server);
        var id = Guid.NewGuid();
        Assert.Null(store.Read(key));

        store.Write(key, new UploadState(id, "/videos/a.mp4", 1000, Server.ToString(), DateTimeOffset.UtcNow));

        Assert.Equal(id, store.Read(key)!.VideoId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf(key)));
        store.Remove(key);
        Assert.Null(store.Read(key));
        Assert.False(File.Exists(store.PathOf(key)));
    }
}
