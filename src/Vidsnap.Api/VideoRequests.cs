using System.ComponentModel;
using System.Text.Json;

namespace Vidsnap.Api;

/// <summary>Every field nullable so that a missing one gets a clear message rather than a binding error.</summary>
public sealed record CreateVideoRequest(
    [property: Description("The file's name, for the download's name and the email.")] string? FileName,
    [property: Description("The file's media type, such as video/mp4; the upload must be sent with it.")] string? ContentType,
    [property: Description("The file's exact size in bytes, at most Api:MaxUploadBytes; the upload must have it.")] long? SizeBytes,
    [property: Description("How frames are picked and written; every field is checked and a bad one is named in the 400.")] JsonElement? Options = null);

/// <summary>Optional body of complete: for a multipart upload, each part's number and the ETag its PUT answered.</summary>
public sealed record CompleteUploadRequest(IReadOnlyList<Vidsnap.Platform.Storage.CompletedPart>? Parts = null);
