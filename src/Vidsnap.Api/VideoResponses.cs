using Vidsnap.Contracts;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

public sealed record CreatedVideoResponse(Guid Id, VideoStatus Status, UploadSlot Upload);

/// <summary>An upload being resumed: how many of its bytes the store holds, and fresh URLs for the rest.</summary>
public sealed record UploadStateResponse(Guid Id, VideoStatus Status, long UploadedBytes, UploadSlot Upload);

public sealed record VideoStatusResponse(Guid Id, VideoStatus Status);

public sealed record VideoPageResponse(IReadOnlyList<VideoResource> Items, string? NextCursor);

public sealed record DownloadResponse(string Url, DateTimeOffset ExpiresAt);
