using System.Globalization;
using System.Text.Json.Nodes;
using Vidsnap.DeploymentTests.Support;
using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests;

/// <summary>The bucket's lifecycle rules on AWS back up the retention the aws overlay configures, and the guide shows the same rules.</summary>
public sealed class S3LifecycleTests
{
    [NeedsToolFact("kubectl")]
    public async Task The_aws_lifecycle_rules_abort_stale_uploads_and_expire_objects_a_day_after_the_longer_retention()
    {
        var config = (await Manifests.ObjectsAsync("aws")).Find("ConfigMap", "vidsnap-config")["data"]!;
        var sourceDays = int.Parse(config["Retention__SourceDays"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var outputDays = int.Parse(config["Retention__OutputDays"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        var text = await File.ReadAllTextAsync(Repository.PathOf(Path.Combine(Manifests.OverlayPath("aws"), "s3-lifecycle.json")));
        var rules = JsonNode.Parse(text)!["Rules"]!.AsArray();
        Assert.Contains(rules, r => r!["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"]?.GetValue<int>() == 1 && r["Status"]!.GetValue<string>() == "Enabled");
        var backstop = Assert.Single(rules, r => r!["Expiration"] is not null)!;
        Assert.Equal("users/", backstop["Filter"]!["Prefix"]!.GetValue<string>());
        Assert.Equal(Math.Max(sourceDays, outputDays) + 1, backstop["Expiration"]!["Days"]!.GetValue<int>());

        var guide = await File.ReadAllTextAsync(Repository.PathOf(Path.Combine("docs", "deploy.md")));
        Assert.Contains("s3-lifecycle.json", guide, StringComparison.Ordinal);
        Assert.Contains($"\"Expiration\": {{\"Days\": {backstop["Expiration"]!["Days"]}}}", guide, StringComparison.Ordinal);
    }
}
