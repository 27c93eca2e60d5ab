using System.Globalization;
using System.Text.Json.Nodes;
using Vidsnap.DeploymentTests.Support;
using Vidsnap.Gateway;
using Vidsnap.Host;
using Vidsnap.Platform.Management;
using Vidsnap.PostgreSql;
using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests;

/// <summary>
/// What each pod is given and shows: probes and scrapes on the management port, which no Service or Ingress
/// carries; an identity of its own per role; no database credentials for the video worker; on AWS, a
/// Content-Security-Policy that names the bucket's origin, not a wildcard.
/// </summary>
public sealed class KubernetesExposureTests
{
    private const string Management = "management";

    [NeedsToolFact("kubectl")]
    public async Task Probes_and_scrapes_use_the_management_port_which_no_service_or_ingress_exposes()
    {
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            var port = ManagementPortOf(objects.Find("ConfigMap", "vidsnap-config"));
            foreach (var role in RoleSet.All)
            {
                var template = objects.Find("Deployment", $"vidsnap-{role}")["spec"]!["template"]!;
                var container = template["spec"]!["containers"]![0]!;
                var where = $"{overlay}: vidsnap-{role}";
                Assert.True(container["ports"]!.AsArray().Any(p => p.Text("name") == Management && p.Text("containerPort") == port), $"{where} names no port {Management} {port}");
                foreach (var probe in (string[])["readinessProbe", "livenessProbe", "startupProbe"])
                {
                    Assert.True(container.Text(probe, "httpGet", "port") == Management, $"{where}: {probe}");
                }

                Assert.True(template.Text("metadata", "annotations", "prometheus.io/port") == port, $"{where}: Prometheus scrapes the management port");
                Assert.True(template.Text("metadata", "annotations", "prometheus.io/path") == "/metrics", where);
            }

            foreach (var service in objects.Where(o => o.Text("kind") == "Service" && o.Text("spec", "selector", "app.kubernetes.io/name") == "vidsnap"))
            {
                Assert.All(service["spec"]!["ports"]!.AsArray(), p =>
                    Assert.True(p.Text("targetPort") == "http" && p.Text("port") != port, $"{overlay}: Service {service.Text("metadata", "name")} exposes {p!.ToJsonString()}"));
            }

            foreach (var path in objects.Find("Ingress", "vidsnap")["spec"]!["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()))
            {
                Assert.Equal("http", path.Text("backend", "service", "port", "name"));
            }
        }
    }

    [NeedsToolFact("kubectl")]
    public async Task The_video_worker_gets_no_database_connection_string_by_any_route()
    {
        var connectionString = $"{PostgreSqlOptions.Section}__Vidsnap";
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            var pod = objects.Find("Deployment", $"vidsnap-{RoleSet.VideoWorker}")["spec"]!["template"]!["spec"]!;
            var container = pod["containers"]![0]!;
            var where = $"{overlay}: vidsnap-{RoleSet.VideoWorker}";

            // A whole secret in envFrom brings the connection string with it; the config map holds none.
            Assert.True(container["envFrom"]!.AsArray().All(e => e!["secretRef"] is null), $"{where} takes a whole secret");
            Assert.Null(objects.Find("ConfigMap", "vidsnap-config").Text("data", connectionString));
            foreach (var env in container["env"]?.AsArray() ?? [])
            {
                Assert.NotEqual(connectionString, env.Text("name"));
                Assert.NotEqual(connectionString, env.Text("valueFrom", "secretKeyRef", "key"));
            }

            Assert.DoesNotContain(connectionString, pod.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [NeedsToolFact("kubectl")]
    public async Task Each_role_runs_as_its_own_service_account_and_on_aws_its_own_iam_role()
    {
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            var accounts = RoleSet.All.Select(role => objects.Find("Deployment", $"vidsnap-{role}").Text("spec", "template", "spec", "serviceAccountName")).ToList();
            Assert.Equal(RoleSet.All.Select(r => $"vidsnap-{r}"), accounts);
            var arns = accounts.Select(a => objects.Find("ServiceAccount", a!)).Select(a => a.Text("metadata", "annotations", "eks.amazonaws.com/role-arn")).ToList();
            if (overlay == "aws")
            {
                Assert.All(arns, Assert.NotNull);
                Assert.Equal(arns.Count, arns.Distinct(StringComparer.Ordinal).Count());
            }
        }
    }

    [NeedsToolFact("kubectl")]
    public async Task The_aws_content_security_policy_names_the_buckets_own_origin()
    {
        var config = (await Manifests.ObjectsAsync("aws")).Find("ConfigMap", "vidsnap-config");
        var origins = config["data"]!.AsObject()
            .Where(e => e.Key.StartsWith($"{GatewayOptions.Section}__{nameof(GatewayOptions.StorageOrigins)}__", StringComparison.Ordinal))
            .Select(e => e.Value!.ToString())
            .ToList();

        Assert.Equal([$"https://{config.Text("data", "Storage__S3__Bucket")}.s3.{config.Text("data", "AWS_REGION")}.amazonaws.com"], origins);
        Assert.All(origins, o => Assert.DoesNotContain("*", o, StringComparison.Ordinal));
    }

    private static string ManagementPortOf(JsonObject config) =>
        config.Text("data", "Management__Port") ?? ManagementOptions.DefaultPort.ToString(CultureInfo.InvariantCulture);
}
