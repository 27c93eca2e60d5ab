using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Aws.S3;

/// <summary>
/// S3 (AWS or any S3-compatible server). Clients upload and download through pre-signed URLs; this process
/// only moves bytes for the video worker.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, IOptions<S3StorageOptions> options, TimeProvider time) : IObjectStore
{
    private const string IfNoneMatch = "If-None-Match";

    private S3StorageOptions Settings => options.Value;

    private Protocol UrlProtocol =>
        s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;

    public async Task<UploadSlot> CreateUploadSlotAsync(string key, string contentType, long sizeBytes, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().AddMinutes(Settings.UrlExpiryMinutes);
        if (sizeBytes <= Settings.MultipartThresholdBytes)
        {
            return await SinglePutSlotAsync(key, contentType, sizeBytes, expires);
        }

        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Settings.Bucket,
            Key = key,
            ContentType = contentType,
        }, cancellationToken);
        return await MultipartSlotAsync(key, upload.UploadId, sizeBytes, expires, []);
    }

    public async Task<UploadSlot> RenewUploadSlotAsync(string key, string? uploadId, string contentType, long sizeBytes, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().AddMinutes(Settings.UrlExpiryMinutes);
        if (uploadId is null)
        {
            return await SinglePutSlotAsync(key, contentType, sizeBytes, expires);
        }

        var stored = await ListPartsAsync(key, uploadId, cancellationToken) ?? [];
        return await MultipartSlotAsync(key, uploadId, sizeBytes, expires, stored.ToDictionary(p => p.PartNumber));
    }

    private async Task<UploadSlot> SinglePutSlotAsync(string key, string contentType, long sizeBytes, DateTimeOffset expires)
    {
        // Signed with the length, so S3 refuses any other size, and with If-None-Match, so once the file has
        // landed the URL writes nothing more (412): a slot takes one upload.
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Settings.Bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = expires.UtcDateTime,
            Protocol = UrlProtocol,
        };
        request.Headers.ContentLength = sizeBytes;
        request.Headers[IfNoneMatch] = "*";
        var url = await s3.GetPreSignedURLAsync(request);
        return new UploadSlot("PUT", url, new Dictionary<string, string> { ["Content-Type"] = contentType, [IfNoneMatch] = "*" }, expires);
    }

    /// <summary>A URL per part; a part S3 already holds at its full length carries its ETag.</summary>
    private async Task<UploadSlot> MultipartSlotAsync(string key, string uploadId, long sizeBytes, DateTimeOffset expires, Dictionary<int, StoredPart> stored)
    {
        var parts = new List<UploadPart>();
        foreach (var (number, offset, length) in UploadParts.Cut(sizeBytes, PartSize(sizeBytes)))
        {
            // Each part URL is signed with its part's length; once the upload is assembled (or aborted) S3 takes no more parts.
            var request = new GetPreSignedUrlRequest
            {
                BucketName = Settings.Bucket,
                Key = key,
                Verb = HttpVerb.PUT,
                UploadId = uploadId,
                PartNumber = number,
                Expires = expires.UtcDateTime,
                Protocol = UrlProtocol,
            };
            request.Headers.ContentLength = length;
            var held = stored.TryGetValue(number, out var part) && part.SizeBytes == length ? part.ETag : null;
            parts.Add(new UploadPart(number, offset, length, await s3.GetPreSignedURLAsync(request)) { ETag = held });
        }

        return new UploadSlot("PUT", null, new Dictionary<string, string>(), expires) { Parts = parts, UploadId = uploadId };
    }

    private long PartSize(long length) => UploadParts.PartSize(length, Settings.PartSizeBytes);

    public async Task<bool> CompleteUploadAsync(
        string key, string uploadId, long expectedBytes, IReadOnlyList<CompletedPart>? parts, CancellationToken cancellationToken)
    {
        try
        {
            var etags = parts is { Count: > 0 }
                ? [.. parts.Select(p => new PartETag(p.PartNumber, p.ETag))]
                : await ListUploadedPartsAsync(key, uploadId, expectedBytes, cancellationToken);
            if (etags is null)
            {
                return false;
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Settings.Bucket,
                Key = key,
                UploadId = uploadId,
                PartETags = [.. etags.OrderBy(e => e.PartNumber)],
            }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "InvalidPart" or "InvalidPartOrder" or "EntityTooSmall")
        {
            return false;
        }
        catch (AmazonS3Exception)
        {
            // The upload is gone because an earlier call assembled it (a retried complete): AWS says
            // NoSuchUpload, some compatible servers an internal error. The object is there either way.
            if (await GetSizeAsync(key, cancellationToken) == expectedBytes)
            {
                return true;
            }

            throw;
        }
    }

    /// <summary>The uploaded parts, or null while they do not add up to the expected size (or the server cannot list them).</summary>
    private async Task<List<PartETag>?> ListUploadedPartsAsync(string key, string uploadId, long expectedBytes, CancellationToken cancellationToken)
    {
        var parts = await ListPartsAsync(key, uploadId, cancellationToken);
        return parts is { Count: > 0 } && parts.Sum(p => p.SizeBytes) == expectedBytes ? [.. parts.Select(p => new PartETag(p.PartNumber, p.ETag))] : null;
    }

    /// <summary>The parts S3 holds of an open multipart upload, or null when the server cannot list them.</summary>
    private async Task<List<StoredPart>?> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<StoredPart>();
        ListPartsResponse page;
        string? marker = null;
        try
        {
            do
            {
                page = await s3.ListPartsAsync(new ListPartsRequest { BucketName = Settings.Bucket, Key = key, UploadId = uploadId, PartNumberMarker = marker }, cancellationToken);
                parts.AddRange((page.Parts ?? []).Select(p => new StoredPart(p.PartNumber ?? 0, p.ETag, p.Size ?? 0)));
                marker = page.NextPartNumberMarker?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            while (page.IsTruncated == true);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            // Some S3-compatible servers cannot list parts: the client must report them.
            return null;
        }

        return parts;
    }

    private sealed record StoredPart(int PartNumber, string ETag, long SizeBytes);

    public async Task<PresignedUrl> CreateDownloadUrlAsync(string key, string downloadFileName, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().AddMinutes(Settings.UrlExpiryMinutes);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Settings.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = UrlProtocol,
        };
        request.ResponseHeaderOverrides.ContentDisposition = DownloadDisposition.Attachment(downloadFileName);
        return new PresignedUrl(await s3.GetPreSignedURLAsync(request), expires);
    }

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(Settings.Bucket, key, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DownloadToFileAsync(string key, string destinationPath, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(Settings.Bucket, key, cancellationToken);
        await using var destination = File.Create(destinationPath);
        await response.ResponseStream.CopyToAsync(destination, cancellationToken);
    }

    public async Task<Stream> OpenReadRangeAsync(string key, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return Stream.Null;
        }

        // The Range header's end is inclusive; clamped so offset + length cannot overflow.
        var end = length > long.MaxValue - offset ? long.MaxValue : offset + length - 1;
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = Settings.Bucket,
                Key = key,
                ByteRange = new ByteRange(offset, end),
            }, cancellationToken);

            // Disposing the response only disposes this stream, so the caller's dispose frees the connection.
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // S3 refuses a range that starts past the end; the contract answers what there is: nothing.
            return Stream.Null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object is stored under {key}.", key, ex);
        }
    }

    public async Task UploadFileAsync(string key, string sourcePath, string contentType, CancellationToken cancellationToken)
    {
        var length = new FileInfo(sourcePath).Length;
        if (length <= Settings.MultipartThresholdBytes)
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Settings.Bucket,
                Key = key,
                FilePath = sourcePath,
                ContentType = contentType,
                UseChunkEncoding = false,
            }, cancellationToken);
            return;
        }

        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Settings.Bucket, Key = key, ContentType = contentType }, cancellationToken);
        try
        {
            var etags = new List<PartETag>();
            foreach (var (number, offset, partLength) in UploadParts.Cut(length, PartSize(length)))
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Settings.Bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    FilePath = sourcePath,
                    FilePosition = offset,
                    PartSize = partLength,
                    UseChunkEncoding = false,
                }, cancellationToken);
                etags.Add(new PartETag(number, part.ETag));
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = Settings.Bucket, Key = key, UploadId = upload.UploadId, PartETags = etags }, cancellationToken);
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(Settings.Bucket, key, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    public async Task AbortUploadAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(Settings.Bucket, key, uploadId, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Completed or aborted before: nothing left to end.
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Settings.Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new StoredObject(item.Key, item.Size ?? 0, item.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(Settings.Bucket, key, cancellationToken);

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Settings.Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            // One request per key rather than DeleteObjects: S3-compatible servers differ on the batch call's checksum header.
            foreach (var item in page.S3Objects ?? [])
            {
                await s3.DeleteObjectAsync(Settings.Bucket, item.Key, cancellationToken);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public async Task CheckReachableAsync(CancellationToken cancellationToken) =>
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Settings.Bucket, MaxKeys = 1 }, cancellationToken);

    /// <summary>Creates the bucket when it is missing: for local S3-compatible servers; on AWS it is made by infrastructure code.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Settings.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }
}
