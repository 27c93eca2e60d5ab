using Microsoft.AspNetCore.Http;
using Vidsnap.Domain.Persistence;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Quotas;

namespace Vidsnap.Api;

/// <summary>
/// The video quotas, checked where they are spent: storage and the day's videos when one is created, videos in
/// flight when one is queued. Checked, then spent, without a lock: parallel requests of one account may pass a
/// limit by the few in flight, never by more, and nobody else's requests are slowed by it.
/// </summary>
internal static class VideoQuotas
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static async Task<IResult?> RefuseCreateAsync(
        VidsnapDbContext db, Guid userId, long sizeBytes, QuotaOptions quotas, HttpContext http, DateTimeOffset now, CancellationToken ct)
    {
        var (today, oldest) = await db.VideosCreatedSinceAsync(userId, now - Day, ct);
        if (today >= quotas.VideosPerDay)
        {
            var frees = oldest!.Value + Day;
            return QuotaExceeded.Problem(http, nameof(QuotaOptions.VideosPerDay), quotas.VideosPerDay, today,
                $"One more may be created at {frees:u}, a day after the oldest of them.", now, frees);
        }

        var stored = await db.StoredBytesAsync(userId, ct);
        if (stored + sizeBytes > quotas.StoredBytes)
        {
            return QuotaExceeded.Problem(http, nameof(QuotaOptions.StoredBytes), quotas.StoredBytes, stored,
                $"This file ({sizeBytes} bytes) does not fit in what is left ({Math.Max(0, quotas.StoredBytes - stored)} bytes). Delete videos you no longer need; retention also deletes them on schedule.", now);
        }

        return null;
    }

    public static async Task<IResult?> RefuseQueueAsync(
        VidsnapDbContext db, Guid userId, QuotaOptions quotas, HttpContext http, DateTimeOffset now, CancellationToken ct,
        string whatToDo = "Call complete again once one of them is Completed or Failed; the upload is kept until then.")
    {
        var inFlight = await db.VideosInFlightAsync(userId, ct);
        return inFlight < quotas.VideosInFlight
            ? null
            : QuotaExceeded.Problem(http, nameof(QuotaOptions.VideosInFlight), quotas.VideosInFlight, inFlight,
                whatToDo, now);
    }
}
