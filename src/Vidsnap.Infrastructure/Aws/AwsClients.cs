using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;

namespace Vidsnap.Infrastructure.Aws;

/// <summary>
/// AWS clients configured from the standard variables: AWS_REGION, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SQS
/// (or AWS_ENDPOINT_URL) for S3- and SQS-compatible servers, and the default credentials chain.
/// </summary>
public static class AwsClients
{
    public static IAmazonS3 CreateS3(IConfiguration configuration, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            // S3-compatible servers do not all know the newer checksums; AWS does not need them either.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var endpoint = Endpoint(configuration, "S3");
        Configure(config, configuration, endpoint);
        config.ForcePathStyle = options.ForcePathStyle ?? endpoint is not null;
        return new AmazonS3Client(config);
    }

    public static IAmazonSQS CreateSqs(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = new AmazonSQSConfig();
        var endpoint = Endpoint(configuration, "SQS");
        Configure(config, configuration, endpoint);
        if (endpoint is not null)
        {
            config.HttpClientFactory = new EmptyJsonBodyHttpClientFactory();
        }

        return new AmazonSQSClient(config);
    }

    private static string? Endpoint(IConfiguration configuration, string service)
    {
        var specific = configuration[$"AWS_ENDPOINT_URL_{service}"];
        return string.IsNullOrEmpty(specific) ? NullIfEmpty(configuration["AWS_ENDPOINT_URL"]) : specific;
    }

    private static void Configure(ClientConfig config, IConfiguration configuration, string? endpoint)
    {
        var region = NullIfEmpty(configuration["AWS_REGION"]) ?? NullIfEmpty(configuration["AWS_DEFAULT_REGION"]) ?? "us-east-1";
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            return;
        }

        config.ServiceURL = endpoint;
        config.AuthenticationRegion = region;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
