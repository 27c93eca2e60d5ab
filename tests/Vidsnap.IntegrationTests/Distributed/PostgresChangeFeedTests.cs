using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vidsnap.Api.Events;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Videos;
using Vidsnap.Platform.Data;
using Vidsnap.PostgreSql;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>
/// PostgreSQL gives out ids as rows are inserted, not as they commit: the change feed must deliver a change that
/// commits after a later one, and must not tell readers to resume past it before it came.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class PostgresChangeFeedTests(LocalServices services) : IAsyncLifetime
{
    private readonly string database = $"t{Guid.NewGuid():N}";
    private ServiceProvider? provider;

    public async Task InitializeAsync()
    {
        await services.CreateDatabaseAsync(database);
        await using var db = Open();
        await db.Database.MigrateAsync();
        provider = new ServiceCollection().AddScoped<VidsnapDbContext>(_ => Open()).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        await services.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task A_change_committed_after_a_later_one_is_delivered_and_the_position_waits_for_it()
    {
        var feed = new VideoChangeFeed(provider!.GetRequiredService<IServiceScopeFactory>(), new ChangeLogSignal(),
            Options.Create(new EventsOptions { PollMilliseconds = 50 }), TimeProvider.System, NullLogger<VideoChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            var user = Guid.NewGuid();
            using var subscription = await feed.SubscribeAsync(user, CancellationToken.None);

            // The first save takes its id and holds its transaction open; the second takes the next id and commits.
            await using var slow = Open();
            await using var transaction = await slow.Database.BeginTransactionAsync();
            var early = NewVideo(user);
            slow.Videos().Add(early);
            await slow.SaveChangesAsync();
            var earlyId = slow.ChangeTracker.Entries<VideoChange>().Single().Entity.Id;
            var late = NewVideo(user);
            long lateId;
            await using (var fast = Open())
            {
                fast.Videos().Add(late);
                await fast.SaveChangesAsync();
                lateId = fast.ChangeTracker.Entries<VideoChange>().Single().Entity.Id;
            }

            Assert.True(lateId > earlyId);
            var first = await NextAsync(subscription.Items);
            Assert.Equal(late.Id, first.Change.VideoId);
            Assert.Equal(earlyId - 1, first.Position);

            await transaction.CommitAsync();
            var second = await NextAsync(subscription.Items);
            Assert.Equal((early.Id, lateId), (second.Change.VideoId, second.Position));
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
    }

    private static Video NewVideo(Guid user) =>
        Video.Create(user, "a@example.com", "a.mp4", "video/mp4", 1, new ExtractionOptions(), new Retention(7, 30), DateTimeOffset.UtcNow);

    private static async Task<FeedItem> NextAsync(ChannelReader<FeedItem> items)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await items.ReadAsync(timeout.Token);
    }

    private PostgresVidsnapDbContext Open() => TestDatabases.Postgres(services.PostgresConnectionString(database));
}
