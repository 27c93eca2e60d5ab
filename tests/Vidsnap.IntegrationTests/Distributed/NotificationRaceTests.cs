using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Vidsnap.Contracts;
using Vidsnap.Domain.Notifications;
using Vidsnap.Domain.Persistence;
using Vidsnap.Notifier;
using Vidsnap.Platform.Email;
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

    private async Task<Exception?> DeliverAsync(NotificationRequest request)
    {
        await using var db = Open();
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = services.SmtpPort, Security = "None" }), Options.Create(new EmailOptions()), TimeProvider.System);
        try
        {
            await db.MarkVerifiedAsync(request.Email, DateTimeOffset.UtcNow, CancellationToken.None);
            var ledger = new EmailLedger(db, Options.Create(new NotificationOptions()), TimeProvider.System);
            await new NotificationHandler(db, ledger, sender, NullLogger<NotificationHandler>.Instance)
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
