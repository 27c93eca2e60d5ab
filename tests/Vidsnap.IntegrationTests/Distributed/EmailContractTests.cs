using Microsoft.Extensions.Options;
using MimeKit;
using Vidsnap.Embedded.Email;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;
using Vidsnap.Smtp;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>Both email adapters deliver the same message: to, subject, body and the de-duplication Message-Id.</summary>
public abstract class EmailContractTests
{
    protected abstract IEmailSender Sender { get; }

    protected abstract string MailDirectory { get; }

    [Fact]
    public async Task Delivers_the_message_with_its_deduplication_id()
    {
        var key = $"{Guid.NewGuid():N}-1-Completed";
        await Sender.SendAsync(new OutgoingEmail(key, "owner@example.com", "Your frames from \"été.mp4\" are ready", "12 frames were extracted."), CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        MimeMessage? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(MailDirectory) ? Directory.GetFiles(MailDirectory, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.MessageId == $"{key}@vidsnap")
                {
                    found = message;
                }
            }

            await Task.Delay(100);
        }

        Assert.NotNull(found);
        Assert.Equal("owner@example.com", found.To.Mailboxes.Single().Address);
        Assert.Equal("Your frames from \"été.mp4\" are ready", found.Subject);
        Assert.Contains("12 frames", found.TextBody, StringComparison.Ordinal);
    }
}

public sealed class FileEmailContractTests : EmailContractTests, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vidsnap-mail-").FullName;

    public FileEmailContractTests()
    {
        var paths = new VidsnapPaths(Options.Create(new VidsnapOptions { DataDirectory = directory }));
        Sender = new FileEmailSender(paths, Options.Create(new EmailOptions()), TimeProvider.System);
        MailDirectory = paths.Mail;
    }

    protected override IEmailSender Sender { get; }

    protected override string MailDirectory { get; }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

[Collection(LocalServicesCollection.Name)]
public sealed class SmtpEmailContractTests(LocalServices services) : EmailContractTests
{
    protected override IEmailSender Sender { get; } = new SmtpEmailSender(
        Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = services.SmtpPort, Security = "None" }),
        Options.Create(new EmailOptions()),
        TimeProvider.System);

    protected override string MailDirectory => services.MailDirectory;
}
