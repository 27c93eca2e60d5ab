using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.Aws;
using Vidsnap.Aws.S3;
using Vidsnap.Platform.Storage;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>
/// What every object store must do, through the URLs it hands to clients: run against the embedded signed
/// store (served by a running gateway) and against S3 (s3rver).
/// </summary>
public abstract class StorageContractTests
{
    private static readonly byte[] Video = System.Security.Cryptography.RandomNumberGenerator.GetBytes(100_000);

    protected abstract IObjectStore Store { get; }

    protected abstract Uri PublicBase { get; }

    protected static string NewKey(string name) => $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/{name}";

    protected Uri Absolute(string url) => new(PublicBase, url);

    protected async Task<HttpResponseMessage> SendToSlotAsync(UploadSlot slot, byte[] content)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(slot.Method), Absolute(slot.Url!)) { Content = new ByteArrayContent(content) };
        foreach (var (name, value) in slot.Headers)
        {
            request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_client_uploads_through_the_slot_and_the_server_sees_size_and_bytes()
    {
        var key = NewKey("source");
        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));

        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", Video.Length, CancellationToken.None);
        Assert.True(slot.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(10));
        using (var response = await SendToSlotAsync(slot, Video))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(Video.Length, await Store.GetSizeAsync(key, CancellationToken.None));
        var copy = Path.GetTempFileName();
        try
        {
            await Store.DownloadToFileAsync(key, copy, CancellationToken.None);
            Assert.Equal(Video, await File.ReadAllBytesAsync(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public async Task A_stored_file_is_replaced_by_a_rerun_and_served_by_its_download_url()
    {
        var key = NewKey("frames.zip");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "first run");
            await Store.UploadFileAsync(key, file, "application/zip", CancellationToken.None);
            await File.WriteAllTextAsync(file, "second run, longer");
            await Store.UploadFileAsync(key, file, "application/zip", CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }

        var link = await Store.CreateDownloadUrlAsync(key, "clip-frames.zip", CancellationToken.None);
        using var client = new HttpClient();
        using var response = await client.GetAsync(Absolute(link.Url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("second run, longer", await response.Content.ReadAsStringAsync());
        Assert.Contains("clip-frames.zip", response.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);

        await Store.DeleteAsync(key, CancellationToken.None);
        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_video_prefix_removes_everything_under_it_and_nothing_beside_it()
    {
        var prefix = $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/";
        var neighbour = $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/source";
        string[] keys = [prefix + "source", prefix + "frames.zip", prefix + "storyboard/sprite_001.jpg", neighbour];
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "bytes");
            foreach (var key in keys)
            {
                await Store.UploadFileAsync(key, file, "application/octet-stream", CancellationToken.None);
            }
        }
        finally
        {
            File.Delete(file);
        }

        await Store.DeletePrefixAsync(prefix, CancellationToken.None);
        await Store.DeletePrefixAsync(prefix, CancellationToken.None);

        foreach (var key in keys[..3])
        {
            Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));
        }

        Assert.Equal(5, await Store.GetSizeAsync(neighbour, CancellationToken.None));
    }
}

public sealed class LocalStorageContractTests(VidsnapAppFixture fixture) : StorageContractTests, IClassFixture<VidsnapAppFixture>
{
    protected override IObjectStore Store => fixture.App.Services.GetRequiredService<IObjectStore>();

    protected override Uri PublicBase => fixture.App.ClientOptions.BaseAddress;
}

[Collection(LocalServicesCollection.Name)]
public sealed class S3StorageContractTests : StorageContractTests, IAsyncLifetime
{
    private readonly S3ObjectStore store;
    private readonly S3StorageOptions options = new() { Bucket = $"t{Guid.NewGuid():N}"[..20], MultipartThresholdBytes = 5 * 1024 * 1024, PartSizeBytes = 5 * 1024 * 1024 };

    public S3StorageContractTests(LocalServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        store = new S3ObjectStore(AwsClients.CreateS3(new AwsOptions { S3EndpointUrl = services.S3Endpoint }, options), Options.Create(options), TimeProvider.System);
        PublicBase = new Uri(services.S3Endpoint);
    }

    protected override IObjectStore Store => store;

    protected override Uri PublicBase { get; }

    public Task InitializeAsync() => store.EnsureBucketAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_big_file_goes_up_in_parts_and_is_assembled_on_complete()
    {
        var key = NewKey("source");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes((11 * 1024 * 1024) + 123);
        var slot = await store.CreateUploadSlotAsync(key, "video/mp4", content.Length, CancellationToken.None);
        Assert.Null(slot.Url);
        Assert.Equal([1, 2, 3], slot.Parts!.Select(p => p.PartNumber));
        Assert.Equal(content.Length, slot.Parts!.Sum(p => p.SizeBytes));

        using var client = new HttpClient();
        var uploaded = new List<CompletedPart>();
        foreach (var part in slot.Parts!)
        {
            using var response = await client.PutAsync(part.Url, new ByteArrayContent(content, (int)part.Offset, (int)part.SizeBytes));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            uploaded.Add(new CompletedPart(part.PartNumber, response.Headers.ETag!.Tag));
        }

        Assert.False(await store.CompleteUploadAsync(key, slot.UploadId!, content.Length, null, CancellationToken.None));
        Assert.True(await store.CompleteUploadAsync(key, slot.UploadId!, content.Length, uploaded, CancellationToken.None));
        Assert.True(await store.CompleteUploadAsync(key, slot.UploadId!, content.Length, uploaded, CancellationToken.None));
        Assert.Equal(content.Length, await store.GetSizeAsync(key, CancellationToken.None));
    }
}
