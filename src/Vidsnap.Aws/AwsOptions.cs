using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Vidsnap.Platform.Options;

namespace Vidsnap.Aws;

/// <summary>
/// The AWS SDK's standard variables: the region, and the endpoints of S3- and SQS-compatible servers (an
/// endpoint set means a stand-in, not AWS). Credentials come from the SDK's default chain, not from here.
/// </summary>
public sealed class AwsOptions : IOptionsSection, IValidatableObject
{
    public const string Section = "";

    static string IOptionsSection.Section => Section;

    [ConfigurationKeyName("AWS_REGION")]
    public string? Region { get; set; }

    [ConfigurationKeyName("AWS_DEFAULT_REGION")]
    public string? DefaultRegion { get; set; }

    /// <summary>One endpoint for every service, below the service's own.</summary>
    [ConfigurationKeyName("AWS_ENDPOINT_URL")]
    public string? EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_S3")]
    public string? S3EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_SQS")]
    public string? SqsEndpointUrl { get; set; }

    public string RegionName => NullIfEmpty(Region) ?? NullIfEmpty(DefaultRegion) ?? "us-east-1";

    /// <summary>The S3-compatible server in use, or null for AWS itself.</summary>
    public string? S3Endpoint => NullIfEmpty(S3EndpointUrl) ?? NullIfEmpty(EndpointUrl);

    /// <summary>The SQS-compatible server in use, or null for AWS itself.</summary>
    public string? SqsEndpoint => NullIfEmpty(SqsEndpointUrl) ?? NullIfEmpty(EndpointUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { ("AWS_ENDPOINT_URL", EndpointUrl), ("AWS_ENDPOINT_URL_S3", S3EndpointUrl), ("AWS_ENDPOINT_URL_SQS", SqsEndpointUrl) })
        {
            if (!string.IsNullOrEmpty(value) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return new ValidationResult($"{name} '{value}' must be an absolute http(s) URL.", [name]);
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
