using System.Text.Json;

namespace Vidsnap.Api;

/// <summary>Every field nullable so that a missing one gets a clear message rather than a binding error.</summary>
public sealed record CreateVideoRequest(string? FileName, string? ContentType, long? SizeBytes, JsonElement? Options);
