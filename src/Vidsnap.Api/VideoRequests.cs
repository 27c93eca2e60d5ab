using System.Text.Json;

namespace Vidsnap.Api;

/// <summary>Every field nullable so that a missing one gets a clear message rather than a binding error.</summary>
public sealed record CreateVideoRequest(string? FileName, string? ContentType, long? SizeBytes, JsonElement? Options);

/// <summary>Optional body of complete: for a multipart upload, each part's number and the ETag its PUT answered.</summary>
public sealed record CompleteUploadRequest(IReadOnlyList<Vidsnap.Platform.Storage.CompletedPart>? Parts);
