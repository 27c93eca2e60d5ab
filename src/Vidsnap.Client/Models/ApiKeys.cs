namespace Vidsnap.Client.Models;

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes);

/// <summary>A key in a listing: never its secret.</summary>
public sealed record ApiKey(Guid Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>The one answer that holds the secret (vsk_...).</summary>
public sealed record CreatedApiKey(Guid Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, string Secret);
