using Vidsnap.Domain.Videos;

namespace Vidsnap.Api.Events;

/// <summary>A change as the feed read it, with the feed's watermark right after it: where a reader that has it may resume.</summary>
public sealed record FeedItem(VideoChange Change, long Position);
