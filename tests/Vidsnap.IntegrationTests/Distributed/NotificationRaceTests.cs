using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Vidsnap.Aws;
using Vidsnap.Aws.S3;
using Vidsnap.Contracts;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Persistence;
using Vidsnap.Notifier;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.PostgreSql;
using Vidsnap.Smtp;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>The notifier on PostgreSQL and real SMTP: racing and repeated deliveries of one request send one email.</summary>
[Collection(LocalServicesCollection.Name)]
public sealed class NotificationRaceTests(LocalServices services) : IAsyncLifetime
{
    private readonly string database = $"n{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        await services.CreateDatabaseAsync(database);

        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DropDatabaseAsync(database);
    }

    private PostgresVidsnapDbContext Open() =>
        TestDatabases.Postgres(services.PostgresConnectionString(database));

    /// <summary>An SMTP sender that waits before it sends, as a slow mail server makes it.</summary>
    private sealed class SlowSender(IEmailSender inner, TimeSpan delay) : IEmailSender
    {
        public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            await inner.SendAsync(email, cancellationToken);
        }
    }

    private async Task<Exception?> DeliverAsync(NotificationRequest request, TimeSpan? sendDelay = null, int claimSeconds = 15)
    {
        await using var db = Open();
        IEmailSender sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = services.SmtpPort, Security = "None" }), Options.Create(new EmailOptions()), TimeProvider.System);
        if (sendDelay is { } delay)
        {
            sender = new SlowSender(sender, delay);
        }

        try
        {
            await db.MarkVerifiedAsync(request.Email, DateTimeOffset.UtcNow, CancellationToken.None);
            var ledger = new EmailLedger(db, Options.Create(new NotificationOptions { ClaimSeconds = claimSeconds }), TimeProvider.System);
            // The requests carry no owner, so the handler looks for no poster: the store is there, never asked.
            var s3 = new S3StorageOptions { Bucket = "vidsnap-posters-unused" };
            var store = new S3ObjectStore(AwsClients.CreateS3(new AwsOptions { S3EndpointUrl = services.S3Endpoint }, s3), Options.Create(s3), TimeProvider.System);
            await new NotificationHandler(db, ledger, sender, store, Options.Create(new NotificationOptions()), Options.Create(new VidsnapOptions()), NullLogger<NotificationHandler>.Instance)
                .HandleAsync(request, new DeliveryContext(1, 5), CancellationToken.None);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    private async Task<int> EmailsWithIdAsync(string messageId)
    {
        await Task.Delay(500);
        var count = 0;
        foreach (var file in Directory.GetFiles(services.MailDirectory, "*.eml"))
        {
            if ((await MimeMessage.LoadAsync(file)).MessageId == messageId)
            {
                count++;
            }
        }

        return count;
    }

    private static NotificationRequest Request() =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, VideoStatus.Completed, "race@example.com", "race.mp4", 7, null);

    [Fact]
    public async Task Racing_and_repeated_deliveries_send_one_email()
    {
        var request = Request();
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DeliverAsync(request))));
        Assert.Contains(null, racing);
        Assert.Null(await DeliverAsync(request));
        Assert.Equal(1, await EmailsWithIdAsync($"{request.DeduplicationKey}@vidsnap"));
    }

    [Fact]
    public async Task A_slow_send_keeps_its_claim_past_the_claim_period_so_a_second_delivery_does_not_send_again()
    {
        var request = Request();
        var slow = Task.Run(() => DeliverAsync(request, sendDelay: TimeSpan.FromSeconds(4), claimSeconds: 1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var meanwhile = await DeliverAsync(request, claimSeconds: 1);
        Assert.IsType<InvalidOperationException>(meanwhile);
        Assert.Null(await slow);
        Assert.Equal(1, await EmailsWithIdAsync($"{request.DeduplicationKey}@vidsnap"));
    }

    [Fact]
    public async Task A_claim_lapses_before_the_queue_gives_a_killed_notifiers_request_out_again()
    {
        // A consumer killed mid-send leaves its message leased for the visibility timeout; the redelivery after it
        // must find the claim lapsed, or it spends its few receives waiting and the request ends dead-lettered.
        var request = Request();
        await using var db = Open();
        var before = DateTimeOffset.UtcNow;
        Assert.True(await new EmailLedger(db, Options.Create(new NotificationOptions()), TimeProvider.System).ClaimAsync(request.DeduplicationKey, request.Email, CancellationToken.None));

        var claim = await db.SentNotifications().AsNoTracking().SingleAsync(n => n.Key == request.DeduplicationKey);
        Assert.InRange(claim.ClaimedUntil - before, TimeSpan.Zero, TimeSpan.FromSeconds(new ConsumerOptions().VisibilityTimeoutSeconds / 2));
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_notifier_is_taken_over_once_it_expires()
    {
        var request = Request();
        await using (var db = Open())
        {
            db.SentNotifications().Add(new SentNotification { Key = request.DeduplicationKey, ClaimedUntil = DateTimeOffset.UtcNow.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        Assert.Null(await DeliverAsync(request));
        Assert.Equal(1, await EmailsWithIdAsync($"{request.DeduplicationKey}@vidsnap"));
        await using var check = Open();
        Assert.NotNull((await check.SentNotifications().SingleAsync(n => n.Key == request.DeduplicationKey)).SentAt);
    }
}
