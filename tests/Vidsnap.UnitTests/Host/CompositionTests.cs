using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vidsnap.Aws;
using Vidsnap.Aws.Sqs;
using Vidsnap.Embedded.Email;
using Vidsnap.Embedded.Queues;
using Vidsnap.Embedded.Storage;
using Vidsnap.Host;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Egress;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Storage;
using Vidsnap.Smtp;

namespace Vidsnap.UnitTests.Host;

/// <summary>A process as Program composes it: the mode's adapters with what they can do, the roles from the table, options checked up front.</summary>
public sealed class CompositionTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("vidsnap-composition-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public void The_outbox_relay_runs_once_in_a_process_of_every_role_that_writes_to_the_outbox()
    {
        foreach (var roles in new[] { "api", "status-worker", "api,status-worker", "all" })
        {
            var services = Compose($"--Vidsnap:Roles={roles}").Services;

            Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "OutboxRelay");
        }

        Assert.DoesNotContain(Compose("--Vidsnap:Roles=notifier").Services, d => d.ImplementationType?.Name == "OutboxRelay");
    }

    [Fact]
    public void Each_role_alone_builds_with_the_consumer_of_its_own_queue_only()
    {
        var consumers = new Dictionary<string, string?>
        {
            [RoleSet.Gateway] = null,
            [RoleSet.Auth] = null,
            [RoleSet.Api] = null,
            [RoleSet.VideoWorker] = "QueueConsumer`1[Vidsnap.Contracts.VideoJob]",
            [RoleSet.StatusWorker] = "QueueConsumer`1[Vidsnap.Contracts.VideoStatusEvent]",
            [RoleSet.Notifier] = "QueueConsumer`1[Vidsnap.Contracts.NotificationRequest] QueueConsumer`1[Vidsnap.Contracts.VideoLifecycleEvent] QueueConsumer`1[Vidsnap.Contracts.AccountEmailRequest]",
        };
        foreach (var (role, consumer) in consumers)
        {
            using var app = Compose($"--Vidsnap:Roles={role}").Build();

            var running = app.Services.GetServices<IHostedService>().Select(s => s.GetType()).Where(t => t.Name.StartsWith("QueueConsumer", StringComparison.Ordinal)).ToList();
            Assert.Equal(consumer is null ? [] : consumer.Split(' ').Order(StringComparer.Ordinal), running.Select(t => $"{t.Name}[{t.GenericTypeArguments[0]}]").Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Embedded_mode_registers_the_data_directory_adapters_and_what_they_can_do()
    {
        using var app = Compose().Build();
        var services = app.Services;

        Assert.IsType<SqliteMessageQueue>(services.GetRequiredService<IMessageQueue>());
        Assert.IsType<LocalObjectStore>(services.GetRequiredService<IObjectStore>());
        Assert.IsType<FileEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Empty(services.GetRequiredService<StorageOrigins>().Origins);
        Assert.Single(services.GetServices<IPublicEndpoints>());
        Assert.Single(services.GetServices<IStartupTask>());
        Assert.Empty(services.GetServices<IProvisioner>());
        Assert.True(services.GetRequiredService<EgressPolicy>().AllowPrivateNetworks);
    }

    [Fact]
    public void Distributed_mode_registers_postgresql_s3_sqs_and_what_setup_provisions()
    {
        using var app = Compose(
            "--Vidsnap:Mode=distributed", "--ConnectionStrings:Vidsnap=Host=127.0.0.1;Database=none", "--AWS_ENDPOINT_URL_S3=http://127.0.0.1:9", "--Smtp:Host=127.0.0.1",
            $"--Secrets:MasterKey={Convert.ToBase64String(new byte[32])}").Build();
        var services = app.Services;

        Assert.IsType<SqsMessageQueue>(services.GetRequiredService<IMessageQueue>());
        Assert.Equal("S3ObjectStore", services.GetRequiredService<IObjectStore>().GetType().Name);
        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Equal(["http://127.0.0.1:9"], services.GetRequiredService<StorageOrigins>().Origins);
        Assert.Empty(services.GetServices<IPublicEndpoints>());
        Assert.Empty(services.GetServices<IStartupTask>());
        Assert.Equal(["Bucket", "Queues and dead-letter queues"], services.GetServices<IProvisioner>().Select(p => p.Provides));
        Assert.False(services.GetRequiredService<EgressPolicy>().AllowPrivateNetworks);
    }

    [Fact]
    public void A_distributed_video_worker_needs_no_connection_string_or_master_key_and_checks_only_storage_and_queue()
    {
        using var app = Compose("--Vidsnap:Mode=distributed", "--Vidsnap:Roles=video-worker", "--AWS_ENDPOINT_URL_S3=http://127.0.0.1:9").Build();
        var services = app.Services;

        Assert.Null(services.GetService<VidsnapDbContext>());
        Assert.Null(services.GetService<MasterKey>());
        Assert.Null(services.GetService<IDataProtectionProvider>());
        var checks = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal(["queue", "storage"], checks.Where(c => c.Tags.Contains("ready")).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_other_role_checks_its_database_too()
    {
        foreach (var role in RoleSet.All.Where(r => r != RoleSet.VideoWorker).Append("all"))
        {
            using var app = Compose($"--Vidsnap:Roles={role}").Build();

            var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
            Assert.Contains(checks, c => c.Name == "database" && c.Tags.Contains("ready"));
        }
    }

    [Fact]
    public void The_sqs_stand_in_shim_is_used_only_with_an_endpoint_override_never_against_aws()
    {
        Assert.Null(AwsClients.CreateSqs(new AwsOptions()).Config.HttpClientFactory);
        Assert.IsType<EmptyJsonBodyHttpClientFactory>(AwsClients.CreateSqs(new AwsOptions { SqsEndpointUrl = "http://127.0.0.1:9" }).Config.HttpClientFactory);
    }

    [Fact]
    public void Each_queue_takes_its_consumer_settings_from_its_own_section()
    {
        using var app = Compose("--Consumers:video-jobs:VisibilityTimeoutSeconds=600", "--Consumers:notifications:Concurrency=3").Build();
        var consumers = app.Services.GetRequiredService<IOptionsMonitor<ConsumerOptions>>();

        Assert.Equal(600, consumers.Get("video-jobs").VisibilityTimeoutSeconds);
        Assert.Equal(30, consumers.Get("status-events").VisibilityTimeoutSeconds);
        Assert.Equal(3, consumers.Get("notifications").Concurrency);
    }

    [Theory]
    [InlineData("--Vidsnap:Mode=cloud", "Vidsnap:Mode 'cloud' is not known")]
    [InlineData("--Consumers:video-jobs:Concurrency=0", "Concurrency")]
    [InlineData("--Queues:MaxReceiveCount=0", "MaxReceiveCount")]
    [InlineData("--Smtp:Security=Sometimes", "Smtp:Security 'Sometimes'")]
    [InlineData("--Jwt:ClockSkewSeconds=90", "Jwt:ClockSkewSeconds must be between 0 and 30")]
    [InlineData("--Gateway:TrustedProxies:0=not-an-address", "Gateway:TrustedProxies 'not-an-address'")]
    [InlineData("--Api:DefaultPageSize=500", "Api:DefaultPageSize must be at most MaxPageSize")]
    [InlineData("--Management:Port=0", "Management:Port must be a TCP port")]
    [InlineData("--Management:Port=8080", "Management:Port 8080 is also a public port")]
    public void A_bad_setting_stops_the_process_naming_the_setting(string setting, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Compose(setting));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributed_mode_without_a_connection_string_says_which_setting_is_missing()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Compose("--Vidsnap:Mode=distributed"));

        Assert.Contains("ConnectionStrings:Vidsnap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributed_mode_without_a_shared_master_key_refuses_to_start_and_says_how_to_make_one()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Compose("--Vidsnap:Mode=distributed", "--ConnectionStrings:Vidsnap=Host=127.0.0.1"));

        Assert.Contains("Secrets:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => Compose("--Secrets:MasterKey=c2hvcnQ="));
    }

    private WebApplicationBuilder Compose(params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [$"--Vidsnap:DataDirectory={data}", .. settings],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddVidsnap();
        return builder;
    }
}
