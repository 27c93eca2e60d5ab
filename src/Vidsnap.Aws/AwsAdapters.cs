using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Aws.S3;
using Vidsnap.Aws.Sqs;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Options;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Aws;

/// <summary>S3 and SQS, on AWS or on compatible servers; each registers what it can do beyond its seam.</summary>
public static class AwsAdapters
{
    /// <summary>S3 behind pre-signed URLs: the browser reaches the S3 endpoint itself, and `vidsnap setup` can make the bucket.</summary>
    public static IHostApplicationBuilder AddS3ObjectStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var aws = builder.AddValidatedOptions<AwsOptions>();
        builder.AddValidatedOptions<S3StorageOptions>();
        var services = builder.Services;
        services.AddSingleton(sp => AwsClients.CreateS3(aws, sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
        services.AddSingleton<S3ObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        services.AddSingleton(new StorageOrigins([S3Origin(aws)]));
        services.AddSingleton<IProvisioner, S3BucketProvisioner>();
        return builder;
    }

    /// <summary>SQS queues with dead-letter queues; `vidsnap setup` can make them, each with its consumer's visibility timeout.</summary>
    public static IHostApplicationBuilder AddSqsQueues(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var aws = builder.AddValidatedOptions<AwsOptions>();
        builder.AddValidatedOptions<SqsOptions>();
        var services = builder.Services;
        services.AddSingleton(_ => AwsClients.CreateSqs(aws));
        services.AddSingleton<SqsMessageQueue>();
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<SqsMessageQueue>());
        services.AddSingleton<IProvisioner, SqsQueueProvisioner>();
        return builder;
    }

    /// <summary>The origin the S3 client signs its URLs for: the configured endpoint's, or AWS's.</summary>
    private static string S3Origin(AwsOptions aws) =>
        aws.S3Endpoint is { } endpoint ? new Uri(endpoint).GetLeftPart(UriPartial.Authority) : "https://*.amazonaws.com";

    private sealed class S3BucketProvisioner(S3ObjectStore store) : IProvisioner
    {
        public string Provides => "Bucket";

        public Task ProvisionAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);
    }

    private sealed class SqsQueueProvisioner(SqsMessageQueue queue, IOptionsMonitor<ConsumerOptions> consumers) : IProvisioner
    {
        public string Provides => "Queues and dead-letter queues";

        public Task ProvisionAsync(CancellationToken cancellationToken) =>
            queue.EnsureQueuesAsync(name => consumers.Get(name).VisibilityTimeoutSeconds, cancellationToken);
    }
}
