using Vidsnap.Contracts;

namespace Vidsnap.Domain.Videos;

/// <summary>What a status event did to a video: changed it, or nothing, and why (for the log).</summary>
public sealed record TransitionResult(VideoEventKind Kind, bool Changed, string Reason)
{
    public static TransitionResult Applied(VideoEventKind kind, string reason) => new(kind, true, reason);

    public static TransitionResult Ignored(VideoEventKind kind, string reason) => new(kind, false, reason);
}
