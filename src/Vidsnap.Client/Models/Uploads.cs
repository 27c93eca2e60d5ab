namespace Vidsnap.Client.Models;

public sealed record CreateVideoRequest(string FileName, string ContentType, long SizeBytes, FrameOptions? Options = null);

/// <summary>The 201 of POST /api/videos: the video, AwaitingUpload, and where its bytes go.</summary>
public sealed record CreatedVideo(Guid Id, VideoStatus Status, UploadSlot Upload);

/// <summary>
/// Where the bytes go: Method to Url with Headers, or, for a large file, each of Parts to its own URL.
/// URLs may be absolute (S3) or relative to the server (the embedded store).
/// </summary>
public sealed record UploadSlot(string Method, string? Url, IReadOnlyDictionary<string, string>? Headers, DateTimeOffset ExpiresAt)
{
    public IReadOnlyList<UploadPart>? Parts { get; init; }
}

/// <summary>Bytes [Offset, Offset + SizeBytes) go to Url. A resumed slot gives the ETag of a part already stored.</summary>
public sealed record UploadPart(int PartNumber, long Offset, long SizeBytes, string Url)
{
    public string? ETag { get; init; }
}

/// <summary>A part sent: its number and the ETag its PUT answered, for complete.</summary>
public sealed record CompletedPart(int PartNumber, string ETag);

public sealed record CompleteUploadRequest(IReadOnlyList<CompletedPart>? Parts);

/// <summary>GET /api/videos/{id}/upload: an upload still awaited, with fresh URLs and what is already stored.</summary>
public sealed record UploadProgress(Guid Id, VideoStatus Status, long UploadedBytes, UploadSlot Upload);
