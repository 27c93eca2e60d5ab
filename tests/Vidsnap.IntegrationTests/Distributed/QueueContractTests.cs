using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vidsnap.Aws;
using Vidsnap.Aws.Sqs;
using Vidsnap.Contracts;
using Vidsnap.Embedded.Data;
using Vidsnap.Embedded.Queues;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

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

    [Fact]
    public async Task The_consumer_dead_letters_an_unreadable_body_and_a_job_that_always_throws_and_goes_on()
    {
        var poison = new VideoJob(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "poison", "poison", new ExtractionOptions());
        var good = poison with { MessageId = Guid.NewGuid(), VideoId = Guid.NewGuid(), SourceKey = "good" };
        var handler = new ThrowingHandler(poison.MessageId);
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ConsumerOptions>(Queue, o => (o.RetryDelaySeconds, o.VisibilityTimeoutSeconds) = (0, 5));
        services.AddSingleton<IMessageHandler<VideoJob>>(handler);
        await using var provider = services.BuildServiceProvider();
        using var consumer = new QueueConsumer<VideoJob>(
            provider.GetRequiredService<IServiceScopeFactory>(), MessageQueue, provider.GetRequiredService<IOptionsMonitor<ConsumerOptions>>(),
            Options.Create(new QueueOptions { MaxReceiveCount = MaxReceiveCount, WaitSeconds = 1 }), Options.Create(new VidsnapOptions()),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueueConsumer<VideoJob>>>());

        await MessageQueue.SendAsync(Queue, "{this is not a job", CancellationToken.None);
        await MessageQueue.SendAsync(Queue, MessageJson.Serialize(poison), CancellationToken.None);
        await MessageQueue.SendAsync(Queue, MessageJson.Serialize(good), CancellationToken.None);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(handler.Handled.Contains(good.MessageId) && await DeadLettersAsync() == 2))
            {
                Assert.True(DateTime.UtcNow < deadline, $"handled {handler.Handled.Count}, dead letters {await DeadLettersAsync()}");
                await Task.Delay(200);
            }
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(1, MaxReceiveCount).Select(n => (n, n == MaxReceiveCount)), handler.PoisonDeliveries.OrderBy(d => d.Item1));
    }

    private sealed class ThrowingHandler(Guid poison) : IMessageHandler<VideoJob>
    {
        public ConcurrentBag<Guid> Handled { get; } = [];

        public ConcurrentBag<(int, bool)> PoisonDeliveries { get; } = [];

        public Task HandleAsync(VideoJob message, DeliveryContext delivery, CancellationToken cancellationToken)
        {
            if (message.MessageId != poison)
            {
                Handled.Add(message.MessageId);
                return Task.CompletedTask;
            }

            PoisonDeliveries.Add((delivery.ReceiveCount, delivery.IsLastAttempt));
            throw new InvalidOperationException("This job fails on every delivery.");
        }
    }
}

public sealed class SqliteQueueContractTests : QueueContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-queue-").FullName;
    private SqliteMessageQueue sqlite = null!;

    public override async Task InitializeAsync()
    {
        var paths = new VidsnapPaths(Options.Create(new VidsnapOptions { DataDirectory = directory }));
        var connections = new SqliteConnectionFactory(SqliteConnectionFactory.For(paths));
        await using (var db = TestDatabases.Sqlite(connections.ConnectionString))
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
    private readonly SqsOptions names = new() { NamePrefix = $"t{Guid.NewGuid():N}-"[..12] };
    private IAmazonSQS client = null!;
    private SqsMessageQueue sqs = null!;

    public override async Task InitializeAsync()
    {
        client = AwsClients.CreateSqs(new AwsOptions { SqsEndpointUrl = services.SqsEndpoint });
        sqs = new SqsMessageQueue(client, Options.Create(names), Options.Create(new QueueOptions { MaxReceiveCount = MaxReceiveCount }));
        await sqs.EnsureQueuesAsync(queue => queue == QueueNames.VideoJobs ? 45 : 30, CancellationToken.None);
        MessageQueue = sqs;
    }

    /// <summary>`vidsnap setup` gives each queue its own consumer's visibility timeout, and every queue its dead-letter queue.</summary>
    [Fact]
    public async Task Each_queue_is_made_with_its_own_visibility_timeout_and_a_dead_letter_queue()
    {
        foreach (var queue in QueueNames.All)
        {
            var url = (await client.GetQueueUrlAsync(names.QueueName(queue))).QueueUrl;
            var attributes = await client.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["VisibilityTimeout", "RedrivePolicy"] });

            Assert.Equal(queue == QueueNames.VideoJobs ? "45" : "30", attributes.Attributes["VisibilityTimeout"]);
            Assert.Contains(names.DeadLetterQueueName(queue), attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
        }
    }

    protected override Task<int> DeadLettersAsync() => sqs.CountDeadLettersAsync(Queue, CancellationToken.None);
}
