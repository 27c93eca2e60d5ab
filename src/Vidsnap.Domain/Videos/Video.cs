using System.Linq.Expressions;
using System.Text.Json;
using static System.FormattableString;
using Vidsnap.Contracts;
using Vidsnap.Domain.Storage;

namespace Vidsnap.Domain.Videos;

/// <summary>
/// A video and its whole life: AwaitingUpload -> Queued -> Processing -> Completed | Failed, and Failed or
/// Completed -> Queued again (a retry: a new attempt, perhaps with other options). Every change is one of the methods below; each keeps the history, logs what it changed for
/// live readers (<see cref="VideoChange"/>) and produces the messages it causes (the job for the video worker,
/// the request for the notifier), which the database saves with the change. Endpoints and handlers load a
/// video, call one method, and save. A long video's work may be split into segments, each a job of its own, and
/// joined once every segment is stored (<see cref="Segments"/>).
/// </summary>
public sealed class Video : IMessageProducer, IChangeLogProducer, IOwnedByAccount
{
    private readonly List<VideoHistoryEntry> history = [];
    private readonly List<IQueueMessage> messages = [];
    private readonly List<VideoChange> changes = [];

    private Video()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string OwnerEmail { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    /// <summary>The extraction options as JSON, so later options need no schema change.</summary>
    public string OptionsJson { get; private set; } = string.Empty;

    public VideoStatus Status { get; private set; }

    /// <summary>Grows each time the video is queued; events of an older attempt are stale.</summary>
    public int Attempt { get; private set; }

    public int Progress { get; private set; }

    public int? FrameCount { get; private set; }

    /// <summary>Bytes of the outputs (zip, poster, contact sheet, storyboard) once Completed; they count against the owner's storage quota.</summary>
    public long? OutputBytes { get; private set; }

    public string? Error { get; private set; }

    public string SourceKey { get; private set; } = string.Empty;

    /// <summary>The S3 multipart upload the client is filling, when the file was too big for one PUT.</summary>
    public string? UploadId { get; private set; }

    /// <summary>
    /// When the upload slot's URLs stop working, while it awaits its upload: set when the slot is made, moved when a
    /// client resumes (which renews the URLs). Some grace after it, a video nobody uploaded to is abandoned.
    /// </summary>
    public DateTimeOffset? UploadExpiresAt { get; private set; }

    /// <summary>The multipart upload still taking parts (awaiting its upload), which deleting the video must abort; else null.</summary>
    public string? OpenUploadId => Status == VideoStatus.AwaitingUpload ? UploadId : null;

    public string OutputKey { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When it last became Completed or Failed.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The retention it was created under: it keeps the promise made then, whatever the settings say later.</summary>
    public int SourceRetentionDays { get; private set; }

    public int OutputRetentionDays { get; private set; }

    /// <summary>When retention deletes the video and its outputs: days after it finished, or after its creation while it awaits its upload.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>When retention deletes the uploaded source (the video and outputs stay); null once it is gone.</summary>
    public DateTimeOffset? SourceExpiresAt { get; private set; }

    public DateTimeOffset? SourceDeletedAt { get; private set; }

    /// <summary>How often the recovery sweep has asked again for this attempt's job or email.</summary>
    public int Resends { get; private set; }

    /// <summary>
    /// The current attempt's segments as JSON (<see cref="SegmentState"/>s), once its work was split; null while
    /// it runs whole. A new attempt starts unsplit.
    /// </summary>
    public string? SegmentsJson { get; private set; }

    /// <summary>Optimistic concurrency: two writers of one video cannot both win.</summary>
    public Guid Version { get; private set; }

    /// <summary>The states it went through; only what was loaded with it, so no rule reads it.</summary>
    public IReadOnlyList<VideoHistoryEntry> History => history;

    public ExtractionOptions Options => ParseOptions(OptionsJson);

    /// <summary>The current attempt's segments, in their plan's order; empty while it runs whole.</summary>
    public IReadOnlyList<SegmentState> Segments => SegmentsJson is null
        ? []
        : JsonSerializer.Deserialize<SegmentState[]>(SegmentsJson, MessageJson.Options)!;

    /// <summary>
    /// The video as the public API shows it, without its history, as a query's projection: a list reads these
    /// columns alone, and builds no aggregate (nor its lists) for each row.
    /// </summary>
    public static Expression<Func<Video, VideoResource>> AsResource { get; } = v => new VideoResource(
        v.Id, v.FileName, v.ContentType, v.SizeBytes, v.Status, v.Attempt, v.Progress, v.FrameCount, v.OutputBytes, v.Error,
        v.CreatedAt, v.UpdatedAt, v.ExpiresAt, ParseOptions(v.OptionsJson), null);

    private static readonly Func<Video, VideoResource> ToResourceWithoutHistory = AsResource.Compile();

    /// <summary>Waiting for its bytes, or failed with its source still kept: complete may (re)queue it.</summary>
    public bool CanBeQueued => Status is VideoStatus.AwaitingUpload || (Status is VideoStatus.Failed && SourceDeletedAt is null);

    /// <summary>Finished with its source still stored: retry may run it again as a new attempt, with the same or other options.</summary>
    public bool CanBeRetried => IsFinished && SourceDeletedAt is null;

    /// <summary>While a job runs the worker would write its outputs after them, so a video is deleted only at rest.</summary>
    public bool CanBeDeleted => Status is not (VideoStatus.Queued or VideoStatus.Processing);

    public bool IsFinished => Status is VideoStatus.Completed or VideoStatus.Failed;

    /// <summary>A new video waiting for its upload; its object keys come from its ids, never from the file name.</summary>
    public static Video Create(
        Guid userId, string ownerEmail, string fileName, string contentType, long sizeBytes, ExtractionOptions options, Retention retention, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        var id = Guid.NewGuid();
        var video = new Video
        {
            Id = id,
            UserId = userId,
            OwnerEmail = ownerEmail,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = sizeBytes,
            OptionsJson = JsonSerializer.Serialize(options, MessageJson.Options),
            Status = VideoStatus.AwaitingUpload,
            SourceKey = ObjectKeys.Source(userId, id),
            OutputKey = ObjectKeys.Frames(userId, id),
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
            SourceRetentionDays = retention.SourceDays,
            OutputRetentionDays = retention.OutputDays,
            ExpiresAt = now.AddDays(retention.SourceDays),
            SourceExpiresAt = now.AddDays(retention.SourceDays),
        };
        video.Record(VideoStatus.AwaitingUpload, now);
        video.Log(VideoChangeKind.Created, now);
        return video;
    }

    /// <summary>The upload goes in parts to the store's multipart upload of this id (null: one PUT), through a slot whose URLs work until <paramref name="slotExpiresAt"/>.</summary>
    public void ExpectUpload(string? multipartUploadId, DateTimeOffset slotExpiresAt)
    {
        if (Status != VideoStatus.AwaitingUpload)
        {
            throw new InvalidOperationException($"A {Status} video takes no upload.");
        }

        UploadId = multipartUploadId;
        UploadExpiresAt = slotExpiresAt;
    }

    /// <summary>
    /// A client resumed the upload and got fresh URLs, working until <paramref name="slotExpiresAt"/>: the video is
    /// not abandoned before that. The new version makes the abandoned-upload sweep that read the old one lose its save.
    /// </summary>
    public void RenewUpload(DateTimeOffset slotExpiresAt)
    {
        if (Status != VideoStatus.AwaitingUpload)
        {
            throw new InvalidOperationException($"A {Status} video takes no upload.");
        }

        if (UploadExpiresAt is not { } current || slotExpiresAt > current)
        {
            UploadExpiresAt = slotExpiresAt;
        }

        Version = Guid.NewGuid();
    }

    /// <summary>Still awaiting its upload <paramref name="grace"/> after its slot's URLs stopped working (a video created before slots were recorded never is).</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan grace) =>
        Status == VideoStatus.AwaitingUpload && UploadExpiresAt is { } expires && expires + grace <= now;

    /// <summary>
    /// The abandoned-upload sweep's step: a video nobody finished uploading goes, as <see cref="Delete"/> would
    /// (its deletion logged, subscribed systems told). The caller aborts its multipart upload and deletes its objects.
    /// </summary>
    public void AbandonUpload(DateTimeOffset now, TimeSpan grace)
    {
        if (!IsAbandoned(now, grace))
        {
            throw new InvalidOperationException(UploadExpiresAt is null || Status != VideoStatus.AwaitingUpload
                ? $"A {Status} video is not abandoned."
                : $"The video's upload slot is open until {UploadExpiresAt:u} and its grace.");
        }

        Delete(now);
    }

    /// <summary>Queues the uploaded video, or a failed one again as a new attempt, and asks the video worker for the job.</summary>
    public void Queue(DateTimeOffset now)
    {
        if (!CanBeQueued)
        {
            throw new InvalidOperationException($"A {Status} video cannot be queued.");
        }

        StartAttempt(now, detail: null);
    }

    /// <summary>
    /// Runs a finished video again from its stored source as a new attempt: a Failed one (perhaps with options that
    /// suit it), or a Completed one with other options. The outputs of the new attempt replace the old ones; events
    /// of the earlier attempt are stale from now on. Null options: the same as before.
    /// </summary>
    public void Retry(ExtractionOptions? options, DateTimeOffset now)
    {
        if (!CanBeRetried)
        {
            throw new InvalidOperationException(IsFinished
                ? "The video's source was deleted by retention; it cannot be retried."
                : $"A {Status} video cannot be retried.");
        }

        var changed = false;
        if (options is not null)
        {
            var json = JsonSerializer.Serialize(options, MessageJson.Options);
            changed = json != OptionsJson;
            OptionsJson = json;
        }

        StartAttempt(now, Invariant($"Attempt {Attempt + 1}{(changed ? " with new options" : string.Empty)}"));
    }

    /// <summary>
    /// Applies what the video worker reported, moving only forward within the current attempt: duplicates,
    /// late arrivals and events of an earlier attempt change nothing, whatever order they come in. A terminal
    /// state asks the notifier to tell the owner.
    /// </summary>
    public TransitionResult Apply(VideoStatusEvent report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var decision = Decide(report);
        if (!decision.Changed)
        {
            return decision;
        }

        switch (report.Kind)
        {
            case VideoEventKind.Split:
                Split(report.Segments!, now);
                return decision;
            case VideoEventKind.Progress when report.Segment is { } index:
                AdvanceSegment(index, Math.Min(report.Progress!.Value, 99), now);
                return decision;
            case VideoEventKind.SegmentCompleted:
                CompleteSegment(report.Segment!.Value, report.FrameCount, report.OutputBytes, now);
                return decision;
        }

        var (status, progress) = decision.Kind switch
        {
            VideoEventKind.Processing => (VideoStatus.Processing, 0),
            VideoEventKind.Progress => (VideoStatus.Processing, Math.Min(report.Progress!.Value, 99)),
            VideoEventKind.Completed => (VideoStatus.Completed, 100),
            _ => (VideoStatus.Failed, Progress),
        };
        var entersState = status != Status || report.Kind != VideoEventKind.Progress;
        Status = status;
        Progress = progress;
        Touch(now);
        if (report.Kind == VideoEventKind.Completed)
        {
            FrameCount = report.FrameCount;
            OutputBytes = report.OutputBytes;
        }

        if (report.Kind == VideoEventKind.Failed)
        {
            Error = report.Error ?? "Processing failed.";
        }

        if (entersState)
        {
            Record(status, now, report.Kind switch
            {
                VideoEventKind.Completed => $"{FrameCount} frames",
                VideoEventKind.Failed => Error,
                _ => null,
            });
        }

        Log(status switch
        {
            VideoStatus.Completed => VideoChangeKind.Completed,
            VideoStatus.Failed => VideoChangeKind.Failed,
            _ => entersState ? VideoChangeKind.Processing : VideoChangeKind.Progress,
        }, now);

        if (IsFinished)
        {
            Finish(now);
            messages.Add(OutcomeNotification());
            messages.Add(Published(Status == VideoStatus.Completed ? VideoEventTypes.Completed : VideoEventTypes.Failed, now));
        }

        return decision;
    }

    /// <summary>
    /// For a video whose messages a queue lost: with no news since <paramref name="staleBefore"/>, a video still
    /// Queued or Processing asks for its job again, and a finished one asks for its email again (the caller
    /// found it unsent: see <see cref="OutcomeNotificationKey"/>). Handlers are idempotent, so asking needlessly
    /// costs work, never a duplicate. Not forever: a job asked for <paramref name="maxResends"/> times ends the
    /// video Failed with a reason, and an email asked for that often is given up. The change of version makes two
    /// sweepers that found the same video race on the save, so one of them asks.
    /// </summary>
    public Recovery RecoverIfStalled(TimeSpan staleAfter, DateTimeOffset now, int maxResends)
    {
        // A Queued video may only be waiting behind a backlog: its job is asked for again ever more rarely, and
        // it is never failed for it. Silence while Processing means a worker took it and died with it.
        var quietFor = Status == VideoStatus.Queued ? staleAfter * Math.Pow(2, Math.Min(Resends, 6)) : staleAfter;
        if (UpdatedAt > now - quietFor || Status == VideoStatus.AwaitingUpload)
        {
            return Recovery.None;
        }

        if (Resends >= maxResends && Status != VideoStatus.Queued)
        {
            if (IsFinished)
            {
                return Recovery.None;
            }

            Status = VideoStatus.Failed;
            Error = Invariant($"Vidsnap lost track of this video's processing {Resends + 1} times. Retry it; if it stalls again, re-export the file and upload it again.");
            Touch(now);
            Finish(now);
            Record(VideoStatus.Failed, now, Error);
            Log(VideoChangeKind.Failed, now);
            messages.Add(OutcomeNotification());
            messages.Add(Published(VideoEventTypes.Failed, now));
            return Recovery.FailedAfterResends;
        }

        Resends++;
        var recovery = IsFinished ? Recovery.NotificationAskedAgain : Recovery.JobAskedAgain;
        if (recovery == Recovery.NotificationAskedAgain)
        {
            messages.Add(OutcomeNotification());
        }
        else
        {
            AskForPendingWork();
        }

        Touch(now);
        return recovery;
    }

    /// <summary>The key the email of this attempt's outcome is known by; null until the video is finished.</summary>
    public string? OutcomeNotificationKey => IsFinished ? NotificationRequest.KeyFor(Id, Attempt, Status) : null;

    /// <summary>Checks the video may go (its history and stored objects go with it), logs that it went and tells subscribed systems.</summary>
    public void Delete(DateTimeOffset now)
    {
        if (!CanBeDeleted)
        {
            throw new InvalidOperationException($"A {Status} video cannot be deleted.");
        }

        Log(VideoChangeKind.Deleted, now);
        messages.Add(Published(VideoEventTypes.Deleted, now));
    }

    /// <summary>
    /// Retention's first step: the uploaded source goes once its days are up, unless a job may still read it
    /// (Queued or Processing: the next sweep after it finishes). A Failed video then cannot be retried.
    /// True when the caller should delete the source object.
    /// </summary>
    public bool ExpireSource(DateTimeOffset now)
    {
        if (SourceExpiresAt is not { } due || due > now || Status is VideoStatus.Queued or VideoStatus.Processing)
        {
            return false;
        }

        SourceExpiresAt = null;
        SourceDeletedAt = now;
        Touch(now);
        Record(Status, now, Invariant($"source deleted after {SourceRetentionDays} days"));
        return true;
    }

    /// <summary>Whether retention deletes the whole video now (then <see cref="Delete"/> it and its objects).</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } due && due <= now && CanBeDeleted;

    /// <summary>The stored bytes it counts against its owner's quota: the declared source (until retention deletes it) and the outputs.</summary>
    public long StoredBytes => (SourceDeletedAt is null ? SizeBytes : 0) + (OutputBytes ?? 0);

    /// <summary>The video as the public API shows it; the history only as far as it was loaded with the video.</summary>
    public VideoResource ToResource(bool withHistory) => withHistory
        ? ToResourceWithoutHistory(this) with { History = [.. history.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new VideoHistoryItem(h.Status, h.At, h.Detail))] }
        : ToResourceWithoutHistory(this);

    private static ExtractionOptions ParseOptions(string json) => JsonSerializer.Deserialize<ExtractionOptions>(json, MessageJson.Options)!;

    public IReadOnlyList<IQueueMessage> TakeMessages()
    {
        IQueueMessage[] taken = [.. messages];
        messages.Clear();
        return taken;
    }

    /// <summary>The changes logged since the last call, oldest first; each is handed out once.</summary>
    public IReadOnlyList<VideoChange> TakeChanges()
    {
        VideoChange[] taken = [.. changes];
        changes.Clear();
        return taken;
    }

    IReadOnlyList<object> IChangeLogProducer.TakeChangeLog() => TakeChanges();

    /// <summary>The next attempt: every sign of the last one cleared, and the job asked for.</summary>
    private void StartAttempt(DateTimeOffset now, string? detail)
    {
        Attempt++;
        Resends = 0;
        Status = VideoStatus.Queued;
        Progress = 0;
        FrameCount = null;
        OutputBytes = null;
        Error = null;
        ExpiresAt = null;
        UploadExpiresAt = null;
        SegmentsJson = null;
        Touch(now);
        Record(VideoStatus.Queued, now, detail);
        Log(VideoChangeKind.Queued, now);
        messages.Add(Job());
        messages.Add(Published(VideoEventTypes.Queued, now));
    }

    private TransitionResult Decide(VideoStatusEvent report)
    {
        if (report.Attempt != Attempt)
        {
            return TransitionResult.Ignored(report.Kind, $"event of attempt {report.Attempt}, video is on attempt {Attempt}");
        }

        if (Status is not (VideoStatus.Queued or VideoStatus.Processing))
        {
            return TransitionResult.Ignored(report.Kind, $"video is {Status}");
        }

        if (report.Kind == VideoEventKind.Split)
        {
            return DecideSplit(report.Segments);
        }

        if (report.Kind == VideoEventKind.SegmentCompleted || (report.Kind == VideoEventKind.Progress && report.Segment is not null))
        {
            return DecideSegment(report);
        }

        return report.Kind switch
        {
            VideoEventKind.Processing when Status == VideoStatus.Queued => TransitionResult.Applied(report.Kind, "started"),
            VideoEventKind.Processing => TransitionResult.Ignored(report.Kind, "already processing"),
            VideoEventKind.Progress when report.Progress is { } p && p > Progress => TransitionResult.Applied(report.Kind, "progress"),
            VideoEventKind.Progress => TransitionResult.Ignored(report.Kind, "no progress"),
            VideoEventKind.Completed => TransitionResult.Applied(report.Kind, "completed"),
            VideoEventKind.Failed => TransitionResult.Applied(report.Kind, "failed"),
            _ => TransitionResult.Ignored(report.Kind, $"unknown event {report.Kind}"),
        };
    }

    /// <summary>A second plan of the same attempt (a redelivered whole job planned again) would orphan the first's jobs.</summary>
    private TransitionResult DecideSplit(IReadOnlyList<VideoSegment>? segments)
    {
        if (SegmentsJson is not null)
        {
            return TransitionResult.Ignored(VideoEventKind.Split, "already split");
        }

        if (segments is not { Count: >= 2 })
        {
            return TransitionResult.Ignored(VideoEventKind.Split, "a split needs at least 2 segments");
        }

        // Events name a segment by its index, so two of one index could not be told apart.
        if (segments.Select(s => s.Index).Distinct().Count() != segments.Count)
        {
            return TransitionResult.Ignored(VideoEventKind.Split, "two segments share an index");
        }

        return TransitionResult.Applied(VideoEventKind.Split, Invariant($"split into {segments.Count} segments"));
    }

    private TransitionResult DecideSegment(VideoStatusEvent report)
    {
        var segments = Segments;
        if (segments.Count == 0)
        {
            return TransitionResult.Ignored(report.Kind, "video is not split");
        }

        var position = FindSegment(segments, report.Segment);
        if (position < 0)
        {
            return TransitionResult.Ignored(report.Kind, Invariant($"no segment {report.Segment} of {segments.Count}"));
        }

        var segment = segments[position];
        if (segment.Done)
        {
            return TransitionResult.Ignored(report.Kind, Invariant($"segment {report.Segment} already completed"));
        }

        if (report.Kind == VideoEventKind.SegmentCompleted)
        {
            return TransitionResult.Applied(report.Kind, Invariant($"segment {report.Segment} completed"));
        }

        // The segment's own figure is kept whenever it grows, even when the video's does not yet: with many
        // segments one alone moves the video's by less than a point, and dropping it would hold the bar still
        // (and leave the video looking stalled) while every segment advances.
        return report.Progress is { } p && Math.Min(p, 99) > segment.Progress
            ? TransitionResult.Applied(report.Kind, Invariant($"segment {report.Segment} progress"))
            : TransitionResult.Ignored(report.Kind, Invariant($"no progress of segment {report.Segment}"));
    }

    private static int FindSegment(IReadOnlyList<SegmentState> segments, int? index)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Segment.Index == index)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Each segment becomes a job of its own, which any worker may take.</summary>
    private void Split(IReadOnlyList<VideoSegment> plan, DateTimeOffset now)
    {
        SegmentState[] segments = [.. plan.Select(s => new SegmentState(s, 0, false, null, null))];
        SaveSegments(segments);
        Status = VideoStatus.Processing;
        Touch(now);
        Record(VideoStatus.Processing, now, Invariant($"Split into {segments.Length} segments"));
        Log(VideoChangeKind.Processing, now);
        messages.AddRange(segments.Select(s => SegmentJob(s.Segment, segments.Length)));
    }

    private void AdvanceSegment(int index, int progress, DateTimeOffset now)
    {
        var segments = Segments.ToArray();
        var position = FindSegment(segments, index);
        segments[position] = segments[position] with { Progress = progress };
        SaveSegments(segments);
        Touch(now);
        RaiseProgress(segments, now);
    }

    /// <summary>The last segment stored asks for the join, once: a completed segment takes no second completion.</summary>
    private void CompleteSegment(int index, int? frameCount, long? outputBytes, DateTimeOffset now)
    {
        var segments = Segments.ToArray();
        var position = FindSegment(segments, index);
        segments[position] = segments[position] with { Progress = 100, Done = true, FrameCount = frameCount, OutputBytes = outputBytes };
        SaveSegments(segments);
        Touch(now);
        RaiseProgress(segments, now);
        if (segments.All(s => s.Done))
        {
            messages.Add(JoinJob(segments.Length));
        }
    }

    /// <summary>The video's progress only grows, and a live reader hears of it only when it does.</summary>
    private void RaiseProgress(IReadOnlyList<SegmentState> segments, DateTimeOffset now)
    {
        var overall = SegmentState.Overall(segments);
        if (overall > Progress)
        {
            Progress = overall;
            Log(VideoChangeKind.Progress, now);
        }
    }

    private void SaveSegments(IReadOnlyList<SegmentState> segments) =>
        SegmentsJson = JsonSerializer.Serialize(segments, MessageJson.Options);

    /// <summary>What a stalled video waits on: its whole job, or, once split, the segments not done, or the join when none is left.</summary>
    private void AskForPendingWork()
    {
        var segments = Segments;
        if (segments.Count == 0)
        {
            messages.Add(Job());
        }
        else if (segments.All(s => s.Done))
        {
            messages.Add(JoinJob(segments.Count));
        }
        else
        {
            messages.AddRange(segments.Where(s => !s.Done).Select(s => SegmentJob(s.Segment, segments.Count)));
        }
    }

    private VideoJob Job() => new VideoJob(Guid.NewGuid(), Id, UserId, Attempt, SourceKey, OutputKey, Options, SizeBytes);

    private VideoJob SegmentJob(VideoSegment segment, int count) =>
        new VideoJob(Guid.NewGuid(), Id, UserId, Attempt, SourceKey, OutputKey, Options, SizeBytes, VideoJobStage.Segment, segment, count);

    private VideoJob JoinJob(int count) =>
        new VideoJob(Guid.NewGuid(), Id, UserId, Attempt, SourceKey, OutputKey, Options, SizeBytes, VideoJobStage.Join, null, count);

    private NotificationRequest OutcomeNotification() =>
        new NotificationRequest(Guid.NewGuid(), Id, Attempt, Status, OwnerEmail, FileName, FrameCount, Error, UserId);

    /// <summary>Carries the video with its history, as GET /api/videos/{id} shows it: the callers load it with its history.</summary>
    private VideoLifecycleEvent Published(string type, DateTimeOffset now) =>
        new VideoLifecycleEvent(Guid.NewGuid(), Id, UserId, type, now, ToResource(withHistory: true));

    private void Finish(DateTimeOffset now)
    {
        FinishedAt = now;
        ExpiresAt = now.AddDays(OutputRetentionDays);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private void Record(VideoStatus status, DateTimeOffset at, string? detail = null) =>
        history.Add(new VideoHistoryEntry(Id, status, Attempt, at, detail));

    private void Log(VideoChangeKind kind, DateTimeOffset at) => changes.Add(VideoChange.Of(this, kind, at));
}
