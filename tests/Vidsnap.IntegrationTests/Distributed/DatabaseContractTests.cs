using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Vidsnap.Auth.Data;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>What the roles rely on from the database, on both providers: migrations, constraints, concurrency, ordering.</summary>
public abstract class DatabaseContractTests : IAsyncLifetime
{
    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected abstract VidsnapDbContext Open();

    private static Video NewVideo(Guid user, DateTimeOffset createdAt) =>
        Video.Create(user, "a@example.com", "a.mp4", "video/mp4", 1, new ExtractionOptions(), new Retention(7, 30), createdAt);

    [Fact]
    public async Task Migrations_apply_once_and_again_without_change()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Emails_are_unique()
    {
        await using var db = Open();
        db.Users().Add(new User { Id = Guid.NewGuid(), Email = "same@example.com", PasswordHash = "x" });
        db.Users().Add(new User { Id = Guid.NewGuid(), Email = "same@example.com", PasswordHash = "y" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Two_writers_of_one_video_cannot_both_win()
    {
        var video = NewVideo(Guid.NewGuid(), DateTimeOffset.UtcNow);
        await using (var db = Open())
        {
            db.Videos().Add(video);
            await db.SaveChangesAsync();
        }

        await using var first = Open();
        await using var second = Open();
        var a = await first.Videos().SingleAsync(v => v.Id == video.Id);
        var b = await second.Videos().SingleAsync(v => v.Id == video.Id);
        a.Queue(DateTimeOffset.UtcNow);
        b.Queue(DateTimeOffset.UtcNow);
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Times_round_trip_and_order_newest_first()
    {
        var user = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var db = Open())
        {
            foreach (var minutes in new[] { 5, 1, 3 })
            {
                db.Videos().Add(NewVideo(user, start.AddMinutes(minutes)));
            }

            await db.SaveChangesAsync();
        }

        await using var read = Open();
        var before = start.AddMinutes(4);
        var page = await read.Videos().Where(v => v.UserId == user && v.CreatedAt < before).OrderByDescending(v => v.CreatedAt).ToListAsync();
        Assert.Equal([start.AddMinutes(3), start.AddMinutes(1)], page.Select(v => v.CreatedAt));
    }

    [Fact]
    public async Task The_outbox_keeps_messages_in_order()
    {
        await using (var db = Open())
        {
            for (var i = 0; i < 3; i++)
            {
                db.Set<OutboxMessage>().Add(new OutboxMessage { Queue = "q", Body = $"m{i}", CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }
        }

        await using var read = Open();
        Assert.Equal(["m0", "m1", "m2"], await read.Set<OutboxMessage>().OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
    }

    [Fact]
    public async Task Relays_of_several_roles_on_one_outbox_send_each_message_once()
    {
        var bodies = Enumerable.Range(0, 150).Select(i => $"m{i:D3}").ToList();
        await AddToOutboxAsync(bodies.Select(body => (body, (DateTimeOffset?)null)));

        var sent = new RecordingQueue();
        var relays = Enumerable.Range(0, 3).Select(_ => Relay(sent)).ToList();
        await Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            while (await relay.RelayBatchAsync(CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(bodies, sent.Bodies.Order(StringComparer.Ordinal));
        await using var read = Open();
        Assert.Empty(await read.Set<OutboxMessage>().ToListAsync());
    }

    [Fact]
    public async Task A_message_a_dead_relay_claimed_is_sent_once_the_claim_lapses_and_not_before()
    {
        var now = DateTimeOffset.UtcNow;
        await AddToOutboxAsync([("lapsed", now.AddSeconds(-1)), ("held", now.AddMinutes(1))]);

        var sent = new RecordingQueue();
        await Relay(sent).RelayBatchAsync(CancellationToken.None);

        Assert.Equal(["lapsed"], sent.Bodies);
        await using var read = Open();
        Assert.Equal(["held"], await read.Set<OutboxMessage>().Select(m => m.Body).ToListAsync());
    }

    private async Task AddToOutboxAsync(IEnumerable<(string Body, DateTimeOffset? ClaimedUntil)> messages)
    {
        await using var db = Open();
        foreach (var (body, claimedUntil) in messages)
        {
            db.Set<OutboxMessage>().Add(new OutboxMessage { Queue = "q", Body = body, CreatedAt = DateTimeOffset.UtcNow, ClaimedUntil = claimedUntil });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A relay as a role runs it, with a database connection of its own.</summary>
    private OutboxRelay Relay(IMessageQueue queue)
    {
        var services = new ServiceCollection().AddScoped<VidsnapDbContext>(_ => Open()).BuildServiceProvider();
        return new OutboxRelay(
            services.GetRequiredService<IServiceScopeFactory>(), queue, new OutboxSignal(), TimeProvider.System, NullLogger<OutboxRelay>.Instance);
    }

    private sealed class RecordingQueue : IMessageQueue
    {
        private readonly ConcurrentQueue<string> bodies = new();

        public IReadOnlyList<string> Bodies => [.. bodies];

        public async Task SendAsync(string queue, string body, CancellationToken cancellationToken)
        {
            // As long as a send to a queue server takes, so that relays reading one batch overlap as they would.
            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
            bodies.Enqueue(body);
        }

        public Task<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ExtendAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CheckReachableAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class SqliteDatabaseContractTests : DatabaseContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-db-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(directory, "test.db")};Pooling=false";

    public override async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override VidsnapDbContext Open() =>
        TestDatabases.Sqlite(ConnectionString);
}

[Collection(LocalServicesCollection.Name)]
public sealed class PostgresDatabaseContractTests(LocalServices services) : DatabaseContractTests
{
    private readonly string database = $"t{Guid.NewGuid():N}";

    public override async Task InitializeAsync()
    {
        await services.CreateDatabaseAsync(database);

        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public override async Task DisposeAsync()
    {
        await services.DropDatabaseAsync(database);
    }

    protected override VidsnapDbContext Open() =>
        TestDatabases.Postgres(services.PostgresConnectionString(database));
}
