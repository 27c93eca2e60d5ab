using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vidsnap.Embedded.Data;
using Vidsnap.Embedded.Queues;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>The embedded queue against a real SQLite file: leases, extension, redelivery and dead letters.</summary>
public sealed class EmbeddedQueueTests : IAsyncLifetime
{
    private const string Queue = "test-queue";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-queue-").FullName;
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private SqliteMessageQueue queue = null!;

    public async Task InitializeAsync()
    {
        var paths = new VidsnapPaths(Options.Create(new VidsnapOptions { DataDirectory = directory }));
        var connections = new SqliteConnectionFactory(SqliteConnectionFactory.For(paths));
        await using (var db = TestDatabases.Sqlite(connections.ConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
        }

        queue = new SqliteMessageQueue(connections, new QueueSignal(), Options.Create(new QueueOptions { MaxReceiveCount = 3, EmbeddedPollMilliseconds = 10 }), time);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    private Task<ReceivedMessage?> ReceiveNow() => queue.ReceiveAsync(Queue, Lease, TimeSpan.Zero, CancellationToken.None);

    [Fact]
    public async Task A_leased_message_is_invisible_until_its_lease_expires_then_comes_back()
    {
        await queue.SendAsync(Queue, "one", CancellationToken.None);
        var first = await ReceiveNow();
        Assert.Equal(("one", 1), (first!.Body, first.ReceiveCount));
        Assert.Null(await ReceiveNow());

        time.Advance(Lease + TimeSpan.FromSeconds(1));
        var again = await ReceiveNow();
        Assert.Equal(("one", 2), (again!.Body, again.ReceiveCount));

        // The first lease is gone: deleting with it does nothing, the message stays leased to the second receiver.
        await queue.DeleteAsync(first, CancellationToken.None);
        time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(await ReceiveNow());
    }

    [Fact]
    public async Task Extending_the_lease_keeps_the_message_hidden()
    {
        await queue.SendAsync(Queue, "long job", CancellationToken.None);
        var message = await ReceiveNow();
        for (var i = 0; i < 4; i++)
        {
            time.Advance(Lease / 2);
            await queue.ExtendAsync(message!, Lease, CancellationToken.None);
            Assert.Null(await ReceiveNow());
        }

        await queue.DeleteAsync(message!, CancellationToken.None);
        time.Advance(Lease * 2);
        Assert.Null(await ReceiveNow());
    }

    [Fact]
    public async Task Released_messages_come_back_after_the_delay_and_go_to_dead_letters_after_max_receives()
    {
        await queue.SendAsync(Queue, "poison", CancellationToken.None);
        for (var receive = 1; receive <= 3; receive++)
        {
            var message = await ReceiveNow();
            Assert.Equal(receive, message!.ReceiveCount);
            await queue.ReleaseAsync(message, TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.Null(await ReceiveNow());
            time.Advance(TimeSpan.FromSeconds(6));
        }

        Assert.Null(await ReceiveNow());
        Assert.Equal(1, await queue.CountDeadLettersAsync(Queue, CancellationToken.None));
    }

    [Fact]
    public async Task Messages_come_in_order_and_two_receivers_never_share_one()
    {
        for (var i = 0; i < 20; i++)
        {
            await queue.SendAsync(Queue, $"m{i}", CancellationToken.None);
        }

        var received = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(ReceiveNow)));
        Assert.Equal(20, received.Select(m => m!.Body).Distinct().Count());
        Assert.Null(await ReceiveNow());
    }

    [Fact]
    public async Task A_waiting_receiver_wakes_when_a_message_is_sent()
    {
        var waiting = queue.ReceiveAsync(Queue, Lease, TimeSpan.FromSeconds(10), CancellationToken.None);
        await queue.SendAsync(Queue, "wake", CancellationToken.None);

        var message = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("wake", message!.Body);
    }
}
