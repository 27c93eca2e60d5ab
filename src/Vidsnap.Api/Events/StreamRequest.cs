namespace Vidsnap.Api.Events;

/// <summary>
/// Whose changes a stream follows (one video, or all of the user's); the id of the last event its client had, from
/// which it resumes (none for a first connection); when its access token expires (none for an API key).
/// </summary>
public sealed record StreamRequest(Guid UserId, Guid? VideoId, long? LastEventId, DateTimeOffset? ExpiresAt)
{
    public bool Follows(Guid videoId) => VideoId is null || VideoId == videoId;
}
