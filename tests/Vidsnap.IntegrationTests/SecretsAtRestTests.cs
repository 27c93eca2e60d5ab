using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Auth.Data;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>What a copy of the data directory or of the database gives away: nothing any other local user can read, no key that signs.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsAtRestTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task The_data_directory_is_0700_and_the_database_objects_mail_and_secrets_in_it_0600()
    {
        using var person = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        await person.WaitForStatusAsync(id, "Completed");
        await Eventually.SingleFileAsync(app.MailDirectory, $"{Guid.Parse(id):N}-*.eml");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDirectory));
        var database = Path.Combine(app.DataDirectory, "vidsnap.db");
        Assert.True(File.Exists(database + "-wal"), "the database runs in WAL mode");
        var files = new[] { database, database + "-wal", database + "-shm" }
            .Concat(Directory.GetFiles(Path.Combine(app.DataDirectory, "objects"), "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(app.MailDirectory))
            .Concat(Directory.GetFiles(Path.Combine(app.DataDirectory, "secrets")))
            .Where(File.Exists)
            .ToList();
        Assert.True(files.Count >= 10, string.Join(", ", files));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f} is {File.GetUnixFileMode(f)}"));
        Assert.All(Directory.GetDirectories(Path.Combine(app.DataDirectory, "objects"), "*", SearchOption.AllDirectories).Append(app.MailDirectory),
            d => Assert.True((File.GetUnixFileMode(d) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) == 0, $"{d} is {File.GetUnixFileMode(d)}"));
    }

    [Fact]
    public async Task Signing_keys_and_webhook_secrets_in_the_database_are_not_readable_and_its_key_ring_is_encrypted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var person = await app.SignedInAsync();
        var secret = await WebhookTests.RegisterAsync(person, receiver.Url, "video.completed");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var keys = await db.SigningKeys().AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, row =>
        {
            using var ecdsa = ECDsa.Create();
            Assert.ThrowsAny<Exception>(() => ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(row.PrivateKey), out _));
        });
        var stored = await db.WebhookEndpoints().AsNoTracking().SingleAsync(e => e.Url == receiver.Url.AbsoluteUri);
        Assert.DoesNotContain(secret["whsec_".Length..], stored.ProtectedSecret, StringComparison.Ordinal);

        var ring = await db.Set<DataProtectionKey>().AsNoTracking().ToListAsync();
        Assert.NotEmpty(ring);
        Assert.All(ring, k =>
        {
            Assert.Contains("<encryptedKey", k.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", k.Xml, StringComparison.Ordinal);
        });
    }
}
