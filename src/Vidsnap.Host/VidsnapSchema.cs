using Vidsnap.AccessTokens.ApiKeys;
using Vidsnap.Api.Idempotency;
using Vidsnap.Auth.Data;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;

namespace Vidsnap.Host;

/// <summary>
/// The modules whose tables make the one database, whichever roles a process runs: every process, and
/// `dotnet ef` at design time, sees the same model, so the migrations match it everywhere.
/// </summary>
public static class VidsnapSchema
{
    public static IReadOnlyList<TableMappings> Modules { get; } =
    [
        TableMappings.Of<OutboxMessage>(),
        TableMappings.Of<Video>(),
        TableMappings.Of<User>(),
        TableMappings.Of<ApiKey>(),
        TableMappings.Of<IdempotencyRecord>(),
    ];
}
