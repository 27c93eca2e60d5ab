using Vidsnap.Contracts;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Api;

public sealed record CreatedVideoResponse(Guid Id, VideoStatus Status, UploadSlot Upload);

public sealed record VideoStatusResponse(Guid Id, VideoStatus Status);

public sealed record VideoPageResponse(IReadOnlyList<VideoResource> Items, string? NextCursor);

public sealed record DownloadResponse(string Url, DateTimeOffset ExpiresAt);
