using Vidsnap.Cli.Settings;

namespace Vidsnap.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialStoreTests : IDisposable
{
    private static readonly Uri Server = new("http://localhost:8080/");
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-cli-credentials-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Credentials_are_kept_per_server_in_a_file_only_its_owner_may_read()
    {
        var store = new CredentialStore(directory);
        store.Save(Server, new StoredCredentials("a@example.com", "refresh-1", "access", DateTimeOffset.UtcNow.AddMinutes(5)));
        store.Save(new Uri("http://other:8080/"), new StoredCredentials("b@example.com", "refresh-2", null, null));

        Assert.Equal("refresh-1", store.Read(Server)!.RefreshToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        store.Remove(Server);
        Assert.Null(store.Read(Server));
        Assert.Equal("b@example.com", store.Read(new Uri("http://other:8080/"))!.Email);
    }
}
