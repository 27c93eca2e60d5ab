using System.ComponentModel;
using System.Text.Json;

namespace Vidsnap.Api;

/// <summary>Every field nullable so that a missing one gets a clear message rather than a binding error.</summary>
public sealed record CreateVideoRequest(
    [property: Description("The file's name, for the download's name and the email.")] string? FileName,
    [property: Description("The file's media type, such as video/mp4; the upload must be sent with it.")] string? ContentType,
    [property: Description("The file's exact size in bytes, at most Api:MaxUploadBytes; the upload must have it.")] long? SizeBytes,
    [property: Description("How frames are picked and written; every field is checked and a bad one is named in the 400.")] JsonElement? Options = null,
    [property: Description("The video's length in seconds, when the client knows it (a browser reads it from the file's metadata). With it, options the video cannot give (too many frames, moments after its end, a start after its end) are refused now rather than failing later; an end after the video's end is fine, frames stop at the end.")] double? DurationSeconds = null);

/// <summary>Optional body of retry: the options of the new attempt, as create takes them (from the defaults); none keeps the video's options.</summary>
public sealed record RetryVideoRequest(
    [property: Description("How frames are picked and written this time, the same shape as create's (fields left out take the defaults); leave it out to run again with the same options.")] JsonElement? Options = null);

/// <summary>Optional body of complete: for a multipart upload, each part's number and the ETag its PUT answered.</summary>
public sealed record CompleteUploadRequest(IReadOnlyList<Vidsnap.Platform.Storage.CompletedPart>? Parts = null);
