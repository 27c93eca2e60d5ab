using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Vidsnap.Contracts;
using Vidsnap.Infrastructure;
using Vidsnap.Infrastructure.Aws;
using Vidsnap.Infrastructure.Data;
using Vidsnap.Infrastructure.Messaging;
using Vidsnap.IntegrationTests.Support;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>
/// What every queue adapter must do, in real time: leases, extension, redelivery, release, dead letters.
/// Run against the SQLite queue and against SQS (local-aws-sqs).
/// </summary>
public abstract class QueueContractTests : IAsyncLifetime
{
    protected const int MaxReceiveCount = 2;
    protected static readonly string Queue = QueueNames.VideoJobs;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    protected IMessageQueue MessageQueue { get; set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<int> DeadLettersAsync();

    private Task<ReceivedMessage?> ReceiveNow() => MessageQueue.ReceiveAsync(Queue, Lease, TimeSpan.Zero, CancellationToken.None);

    private async Task<ReceivedMessage?> ReceiveWithin(TimeSpan wait) => await MessageQueue.ReceiveAsync(Queue, Lease, wait, CancellationToken.None);

    [Fact]
    public async Task Unacknowledged_messages_come_back_after_the_visibility_timeout()
    {
        await MessageQueue.SendAsync(Queue, "hello", CancellationToken.None);
        var first = await ReceiveWithin(TimeSpan.FromSeconds(2));
        Assert.Equal(("hello", 1), (first!.Body, first.ReceiveCount));
        Assert.Null(await ReceiveNow());

        await Task.Delay(Lease + TimeSpan.FromSeconds(1));
        var again = await ReceiveWithin(TimeSpan.FromSeconds(2));
        Assert.Equal(("hello", 2), (again!.Body, again.ReceiveCount));
        await MessageQueue.DeleteAsync(again, CancellationToken.None);
    }

    [Fact]
    public async Task Extended_leases_keep_the_message_hidden_and_delete_removes_it()
    {
        await MessageQueue.SendAsync(Queue, "long job", CancellationToken.None);
        var message = await ReceiveWithin(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(Lease / 2);
            await MessageQueue.ExtendAsync(message!, Lease, CancellationToken.None);
        }

        Assert.Null(await ReceiveNow());
        await MessageQueue.DeleteAsync(message!, CancellationToken.None);
        await Task.Delay(Lease + TimeSpan.FromSeconds(1));
        Assert.Null(await ReceiveNow());
    }

    [Fact]
    public async Task Messages_carry_the_senders_trace_context_and_their_enqueue_time()
    {
        using var request = new System.Diagnostics.Activity("request").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        await MessageQueue.SendAsync(Queue, "traced", CancellationToken.None);
        request.Stop();

        var message = await ReceiveWithin(TimeSpan.FromSeconds(2));
        Assert.True(System.Diagnostics.ActivityContext.TryParse(message!.TraceParent, null, out var context), $"traceparent: {message.TraceParent}");
        Assert.Equal(request.TraceId, context.TraceId);
        Assert.InRange(message.EnqueuedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        await MessageQueue.DeleteAsync(message, CancellationToken.None);
    }

    [Fact]
    public async Task Released_messages_are_visible_again_and_dead_after_max_receives()
    {
        await MessageQueue.SendAsync(Queue, "poison", CancellationToken.None);
        for (var receive = 1; receive <= MaxReceiveCount; receive++)
        {
            var message = await ReceiveWithin(TimeSpan.FromSeconds(2));
            Assert.Equal(receive, message!.ReceiveCount);
            await MessageQueue.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Null(await ReceiveWithin(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await DeadLettersAsync());
    }
}

public sealed class SqliteQueueContractTests : QueueContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-queue-").FullName;
    private SqliteMessageQueue sqlite = null!;

    public override async Task InitializeAsync()
    {
        var paths = new VidsnapPaths(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Vidsnap:DataDirectory"] = directory }).Build());
        var connections = new SqliteConnectionFactory(SqliteConnectionFactory.For(paths));
        await using (var db = new SqliteVidsnapDbContext(new DbContextOptionsBuilder<SqliteVidsnapDbContext>().UseSqlite(connections.ConnectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        sqlite = new SqliteMessageQueue(connections, new QueueSignal(), Options.Create(new QueueOptions { MaxReceiveCount = MaxReceiveCount, EmbeddedPollMilliseconds = 20 }), TimeProvider.System);
        MessageQueue = sqlite;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<int> DeadLettersAsync() => sqlite.CountDeadLettersAsync(Queue, CancellationToken.None);
}

[Collection(LocalServicesCollection.Name)]
public sealed class SqsQueueContractTests(LocalServices services) : QueueContractTests
{
    private SqsMessageQueue sqs = null!;

    public override async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_SQS"] = services.SqsEndpoint }).Build();
        var names = new SqsOptions { NamePrefix = $"t{Guid.NewGuid():N}-"[..12] };
        sqs = new SqsMessageQueue(AwsClients.CreateSqs(configuration), Options.Create(names), Options.Create(new QueueOptions { MaxReceiveCount = MaxReceiveCount }));
        await sqs.EnsureQueuesAsync(30, CancellationToken.None);
        MessageQueue = sqs;
    }

    protected override Task<int> DeadLettersAsync() => sqs.CountDeadLettersAsync(Queue, CancellationToken.None);
}
