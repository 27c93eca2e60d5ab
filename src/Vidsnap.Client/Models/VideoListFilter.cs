namespace Vidsnap.Client.Models;

/// <summary>What GET /api/videos narrows the list to: one state, part of the file name (any case), and the order.</summary>
public sealed record VideoListFilter(VideoStatus? Status = null, string? Search = null, bool OldestFirst = false);
