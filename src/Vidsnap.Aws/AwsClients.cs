using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Vidsnap.Aws.S3;

namespace Vidsnap.Aws;

/// <summary>AWS clients for AWS itself, or for the S3- and SQS-compatible servers <see cref="AwsOptions"/> names.</summary>
public static class AwsClients
{
    public static IAmazonS3 CreateS3(AwsOptions aws, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            // S3-compatible servers do not all know the newer checksums; AWS does not need them either.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        Configure(config, aws, aws.S3Endpoint);
        config.ForcePathStyle = options.ForcePathStyle ?? aws.S3Endpoint is not null;
        return new AmazonS3Client(config);
    }

    public static IAmazonSQS CreateSqs(AwsOptions aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var config = new AmazonSQSConfig();
        Configure(config, aws, aws.SqsEndpoint);
        if (aws.SqsEndpoint is not null)
        {
            // Only a stand-in needs the shim; against AWS the SDK's own HTTP client is used unchanged.
            config.HttpClientFactory = new EmptyJsonBodyHttpClientFactory();
        }

        return new AmazonSQSClient(config);
    }

    private static void Configure(ClientConfig config, AwsOptions aws, string? endpoint)
    {
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(aws.RegionName);
            return;
        }

        config.ServiceURL = endpoint;
        config.AuthenticationRegion = aws.RegionName;
    }
}
