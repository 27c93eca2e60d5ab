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
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
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
    public async Task A_slot_takes_one_upload_a_second_is_refused_and_the_first_stays()
    {
        var key = NewKey("source");
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", Video.Length, CancellationToken.None);
        using (var first = await SendToSlotAsync(slot, Video))
        {
            Assert.True(first.IsSuccessStatusCode, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        }

        var other = System.Security.Cryptography.RandomNumberGenerator.GetBytes(Video.Length);
        using (var second = await SendToSlotAsync(slot, other))
        {
            Assert.False(second.IsSuccessStatusCode, $"a second upload to one slot answered {second.StatusCode}");
        }

        Assert.Equal(Video, await ReadStoredAsync(key));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task An_upload_of_another_size_than_the_slot_was_made_for_is_refused_and_stores_nothing(int difference)
    {
        var key = NewKey("source");
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", Video.Length, CancellationToken.None);
        using (var response = await SendToSlotAsync(slot, new byte[Video.Length + difference]))
        {
            Assert.False(response.IsSuccessStatusCode, $"{Video.Length + difference} bytes for a slot of {Video.Length} answered {response.StatusCode}");
        }

        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));

        // The slot is not used up by a refused upload: the right bytes still go.
        using var right = await SendToSlotAsync(slot, Video);
        Assert.True(right.IsSuccessStatusCode, $"{right.StatusCode}: {await right.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_listing_shows_each_object_under_the_prefix_with_its_size_and_nothing_beside_it()
    {
        var prefix = $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/";
        var neighbour = $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/source";
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "bytes");
            foreach (var key in new[] { prefix + "source", prefix + "storyboard/sprite_001.jpg", neighbour })
            {
                await Store.UploadFileAsync(key, file, "application/octet-stream", CancellationToken.None);
            }
        }
        finally
        {
            File.Delete(file);
        }

        var listed = new List<StoredObject>();
        await foreach (var stored in Store.ListAsync(prefix, CancellationToken.None))
        {
            listed.Add(stored);
        }

        Assert.Equal([prefix + "source", prefix + "storyboard/sprite_001.jpg"], listed.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, o => Assert.Equal(5, o.SizeBytes));
        Assert.All(listed, o => Assert.InRange(o.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    /// <summary>A rerun's clean-up lists a video's frames, which pass S3's 1000-key page at 1000 frames.</summary>
    [Fact]
    public async Task A_listing_of_more_than_one_page_of_keys_shows_every_object_once()
    {
        var prefix = $"users/{Guid.NewGuid():N}/videos/{Guid.NewGuid():N}/frames/";
        var file = Path.GetTempFileName();
        var keys = Enumerable.Range(1, 1050).Select(i => $"{prefix}frame_{i:D5}.jpg").ToList();
        try
        {
            await File.WriteAllTextAsync(file, "x");
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (key, ct) => await Store.UploadFileAsync(key, file, "image/jpeg", ct));
        }
        finally
        {
            File.Delete(file);
        }

        var listed = new List<string>();
        await foreach (var stored in Store.ListAsync(prefix, CancellationToken.None))
        {
            listed.Add(stored.Key);
        }

        Assert.Equal(keys, listed.Order(StringComparer.Ordinal));
        await Store.DeletePrefixAsync(prefix, CancellationToken.None);
    }

    private async Task<byte[]> ReadStoredAsync(string key)
    {
        var copy = Path.GetTempFileName();
        try
        {
            await Store.DownloadToFileAsync(key, copy, CancellationToken.None);
            return await File.ReadAllBytesAsync(copy);
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

    [Theory]
    [InlineData("férias 2024 🎉-frames.zip")]
    [InlineData("日本語の動画-frames.zip")]
    [InlineData("clip-frames.zip")]
    public async Task A_download_url_names_the_file_in_any_script_with_an_ascii_fallback(string fileName)
    {
        var key = NewKey("frames.zip");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "zip");
            await Store.UploadFileAsync(key, file, "application/zip", CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }

        var link = await Store.CreateDownloadUrlAsync(key, fileName, CancellationToken.None);
        using var client = new HttpClient();
        using var response = await client.GetAsync(Absolute(link.Url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = string.Join(", ", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.All(raw, c => Assert.True(c is >= ' ' and <= '~', $"not ASCII: {raw}"));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        // As a browser reads it: filename* when there is one, else filename.
        Assert.Equal(fileName, disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        Assert.NotNull(disposition.FileName);
        await Store.DeleteAsync(key, CancellationToken.None);
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

    private static readonly byte[] Ranged = System.Security.Cryptography.RandomNumberGenerator.GetBytes(300_000);

    private async Task<string> StoreRangedAsync()
    {
        var key = NewKey("source");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, Ranged);
            await Store.UploadFileAsync(key, file, "video/mp4", CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }

        return key;
    }

    private async Task<byte[]> ReadRangeAsync(string key, long offset, long length)
    {
        await using var stream = await Store.OpenReadRangeAsync(key, offset, length, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A worker reads its own segment of a long video: the start, a middle across 64 KiB boundaries, the tail, and past the end.</summary>
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(100_000, 70_000)]
    [InlineData(299_000, 5000)]
    [InlineData(400_000, 10)]
    [InlineData(300_000, 1)]
    [InlineData(1234, 0)]
    public async Task A_ranged_read_answers_the_bytes_of_that_range_clipped_to_the_object(long offset, long length)
    {
        var key = await StoreRangedAsync();

        var expected = Ranged.AsSpan().Slice((int)Math.Min(offset, Ranged.Length), (int)Math.Clamp(Ranged.Length - offset, 0, length)).ToArray();
        Assert.Equal(expected, await ReadRangeAsync(key, offset, length));
        await Store.DeleteAsync(key, CancellationToken.None);
    }

    [Fact]
    public async Task A_ranged_read_of_a_missing_object_throws_file_not_found()
    {
        var key = NewKey("source");
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadRangeAsync(key, 0, 1000, CancellationToken.None));

        // Also once the video's folder exists but the object in it does not.
        var neighbour = await StoreRangedAsync();
        var missing = neighbour[..neighbour.LastIndexOf('/')] + "/frames.zip";
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadRangeAsync(missing, 0, 1000, CancellationToken.None));
        await Store.DeleteAsync(neighbour, CancellationToken.None);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, -1)]
    public async Task A_ranged_read_with_a_negative_offset_or_length_is_refused(long offset, long length)
    {
        var key = await StoreRangedAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadRangeAsync(key, offset, length, CancellationToken.None));
        await Store.DeleteAsync(key, CancellationToken.None);
    }

    /// <summary>Big enough for three parts of 5 MiB, the smallest part S3 takes; both stores are set to that size.</summary>
    protected static readonly int MultipartBytes = (11 * 1024 * 1024) + 123;

    private async Task<CompletedPart> SendPartAsync(HttpClient client, UploadPart part, byte[] content)
    {
        using var response = await client.PutAsync(Absolute(part.Url), new ByteArrayContent(content, (int)part.Offset, (int)part.SizeBytes));
        Assert.True(response.IsSuccessStatusCode, $"part {part.PartNumber}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new CompletedPart(part.PartNumber, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_big_file_goes_up_in_parts_and_is_assembled_on_complete()
    {
        var key = NewKey("source");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MultipartBytes);
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", content.Length, CancellationToken.None);
        Assert.Null(slot.Url);
        Assert.NotNull(slot.UploadId);
        Assert.Equal([1, 2, 3], slot.Parts!.Select(p => p.PartNumber));
        Assert.Equal(content.Length, slot.Parts!.Sum(p => p.SizeBytes));

        using var client = new HttpClient();
        var uploaded = new List<CompletedPart>();
        foreach (var part in slot.Parts!.Take(2))
        {
            uploaded.Add(await SendPartAsync(client, part, content));
        }

        using (var wrongSize = await client.PutAsync(Absolute(slot.Parts![2].Url), new ByteArrayContent(content, 0, (int)slot.Parts![2].SizeBytes - 1)))
        {
            Assert.False(wrongSize.IsSuccessStatusCode, $"a part shorter than signed answered {wrongSize.StatusCode}");
        }

        // A part missing: neither the listing nor the client's report assembles anything.
        Assert.False(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, null, CancellationToken.None));
        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));

        uploaded.Add(await SendPartAsync(client, slot.Parts![2], content));
        Assert.True(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, uploaded, CancellationToken.None));
        Assert.True(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, uploaded, CancellationToken.None));
        Assert.Equal(content, await ReadStoredAsync(key));

        // Once assembled, a part URL takes nothing more.
        using var late = await client.PutAsync(Absolute(slot.Parts![0].Url), new ByteArrayContent(content, 0, (int)slot.Parts![0].SizeBytes));
        Assert.False(late.IsSuccessStatusCode, $"a part after assembly answered {late.StatusCode}");
        Assert.Equal(content, await ReadStoredAsync(key));
    }

    [Fact]
    public async Task A_complete_naming_a_part_by_an_etag_its_upload_did_not_answer_assembles_nothing()
    {
        var key = NewKey("source");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MultipartBytes);
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", content.Length, CancellationToken.None);
        using var client = new HttpClient();
        var uploaded = new List<CompletedPart>();
        foreach (var part in slot.Parts!)
        {
            uploaded.Add(await SendPartAsync(client, part, content));
        }

        var wrong = uploaded.Select(p => p.PartNumber == 2 ? p with { ETag = "\"0123456789abcdef0123456789abcdef\"" } : p).ToList();
        Assert.False(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, wrong, CancellationToken.None));
        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));

        Assert.True(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, uploaded, CancellationToken.None));
        Assert.Equal(content, await ReadStoredAsync(key));
    }

    [Fact]
    public async Task A_renewed_slot_marks_the_parts_already_stored_and_the_rest_completes_the_upload()
    {
        var key = NewKey("source");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MultipartBytes);
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", content.Length, CancellationToken.None);
        using var client = new HttpClient();
        var first = await SendPartAsync(client, slot.Parts![0], content);
        var third = await SendPartAsync(client, slot.Parts![2], content);

        var renewed = await Store.RenewUploadSlotAsync(key, slot.UploadId, "video/mp4", content.Length, CancellationToken.None);
        Assert.Equal(slot.Parts!.Select(p => (p.PartNumber, p.Offset, p.SizeBytes)), renewed.Parts!.Select(p => (p.PartNumber, p.Offset, p.SizeBytes)));
        Assert.Equal([first.ETag, null, third.ETag], renewed.Parts!.Select(p => p.ETag));

        await SendPartAsync(client, renewed.Parts![1], content);
        Assert.True(await Store.CompleteUploadAsync(key, slot.UploadId!, content.Length, null, CancellationToken.None));
        Assert.Equal(content, await ReadStoredAsync(key));
    }

    [Fact]
    public async Task A_renewed_single_slot_takes_the_file()
    {
        var key = NewKey("source");
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", Video.Length, CancellationToken.None);
        var renewed = await Store.RenewUploadSlotAsync(key, slot.UploadId, "video/mp4", Video.Length, CancellationToken.None);
        Assert.Null(renewed.Parts);
        using (var response = await SendToSlotAsync(renewed, Video))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(Video, await ReadStoredAsync(key));
    }

    [Fact]
    public async Task An_aborted_multipart_upload_takes_no_more_parts_and_cannot_be_assembled()
    {
        var key = NewKey("source");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MultipartBytes);
        var slot = await Store.CreateUploadSlotAsync(key, "video/mp4", content.Length, CancellationToken.None);
        await Store.AbortUploadAsync(key, slot.UploadId!, CancellationToken.None);
        await Store.AbortUploadAsync(key, slot.UploadId!, CancellationToken.None);

        using var client = new HttpClient();
        var part = slot.Parts![0];
        using var response = await client.PutAsync(Absolute(part.Url), new ByteArrayContent(content, (int)part.Offset, (int)part.SizeBytes));
        Assert.False(response.IsSuccessStatusCode, $"a part for an aborted upload answered {response.StatusCode}");
        Assert.Null(await Store.GetSizeAsync(key, CancellationToken.None));
    }
}

public sealed class LocalStorageContractTests(SmallPartsAppFixture fixture) : StorageContractTests, IClassFixture<SmallPartsAppFixture>
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
}
