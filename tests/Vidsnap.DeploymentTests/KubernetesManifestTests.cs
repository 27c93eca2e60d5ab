using System.Text.Json.Nodes;
using Vidsnap.Aws.Sqs;
using Vidsnap.Contracts;
using Vidsnap.DeploymentTests.Support;
using Vidsnap.Host;
using Vidsnap.Platform.Hosting;
using Vidsnap.Testing;
using Vidsnap.VideoWorker;

namespace Vidsnap.DeploymentTests;

/// <summary>The Kustomize overlays render, validate against their schemas and agree with the application's own names.</summary>
public sealed class KubernetesManifestTests
{
    /// <summary>Which queues each worker consumes: the message types its handlers take, named as the application names them.</summary>
    private static readonly Dictionary<string, string[]> WorkerQueues = new(StringComparer.Ordinal)
    {
        [RoleSet.VideoWorker] = [QueueAttribute.NameOf<VideoJob>()],
        [RoleSet.StatusWorker] = [QueueAttribute.NameOf<VideoStatusEvent>()],
        [RoleSet.Notifier] = [QueueAttribute.NameOf<NotificationRequest>(), QueueAttribute.NameOf<VideoLifecycleEvent>(), QueueAttribute.NameOf<AccountEmailRequest>()],
    };

    [NeedsToolFact("kubectl")]
    public async Task Every_overlay_renders_and_every_object_validates_against_its_schema()
    {
        var validator = Repository.PathOf(Path.Combine("deploy", "validate"));
        Assert.True(Directory.Exists(Path.Combine(validator, "node_modules")), $"Run `npm ci` in {validator} (./test.sh does).");
        var files = new List<string>();
        foreach (var overlay in Manifests.Overlays)
        {
            var file = Path.Combine(Path.GetTempPath(), $"vidsnap-{overlay}-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(file, await Manifests.RenderAsync(overlay));
            files.Add(file);
        }

        try
        {
            var result = await Tool.RunAsync("node", [Path.Combine(validator, "validate.mjs"), .. files]);
            Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
            Assert.Contains(" 0 invalid", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }

    [NeedsToolFact("kubectl")]
    public async Task Every_role_has_a_deployment_running_that_role_with_probes_resources_and_a_locked_down_pod()
    {
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            var vidsnapDeployments = objects.Where(o => o.Text("kind") == "Deployment" && o.Text("metadata", "name")!.StartsWith("vidsnap-", StringComparison.Ordinal)
                && o.Text("spec", "template", "spec", "containers", 0, "name") == "vidsnap");
            Assert.Equal(RoleSet.All.Select(r => $"vidsnap-{r}").Order(), vidsnapDeployments.Select(d => d.Text("metadata", "name")!).Order());

            foreach (var role in RoleSet.All)
            {
                var pod = objects.Find("Deployment", $"vidsnap-{role}")["spec"]!["template"]!["spec"]!;
                var container = pod["containers"]![0]!;
                var where = $"{overlay}: vidsnap-{role}";
                Assert.True(container["args"]!.AsArray().Select(a => a!.ToString()).SequenceEqual(["--role", role]), where);
                Assert.True(container.Text("livenessProbe", "httpGet", "path") == "/health", where);
                Assert.True(container.Text("readinessProbe", "httpGet", "path") == "/health/ready", where);
                Assert.True(container.Text("resources", "requests", "cpu") is not null && container.Text("resources", "limits", "memory") is not null, where);
                Assert.True(pod.Text("securityContext", "runAsNonRoot") == "true", where);
                Assert.True(container.Text("securityContext", "readOnlyRootFilesystem") == "true", where);
                Assert.True(container.Text("securityContext", "allowPrivilegeEscalation") == "false", where);
                var mounts = container["volumeMounts"]!.AsArray().Select(m => m.Text("mountPath")).ToList();
                Assert.True(mounts.Contains("/data") && mounts.Contains("/tmp"), where);
                Assert.All(pod["volumes"]!.AsArray(), v => Assert.NotNull(v!["emptyDir"]));
                var envFrom = container["envFrom"]!.AsArray();
                Assert.Contains(envFrom, e => e.Text("configMapRef", "name") == "vidsnap-config");
                if (role != RoleSet.VideoWorker)
                {
                    Assert.Contains(envFrom, e => e.Text("secretRef", "name") == "vidsnap-secrets");
                }
            }

            // Kubernetes must wait longer than the process takes to stop, and the video worker's stop must
            // leave room for its longest job: a scale-in or a rollout then cuts no job short.
            foreach (var role in RoleSet.All)
            {
                var pod = objects.Find("Deployment", $"vidsnap-{role}")["spec"]!["template"]!["spec"]!;
                var shutdownGrace = Setting(pod, $"{VidsnapOptions.Section}__{nameof(VidsnapOptions.ShutdownGraceSeconds)}") ?? new VidsnapOptions().ShutdownGraceSeconds;
                Assert.True(Setting(pod, "terminationGracePeriodSeconds") > shutdownGrace, $"{overlay}: vidsnap-{role} is killed before its {shutdownGrace} s shutdown grace ends");
                if (role == RoleSet.VideoWorker)
                {
                    var jobSeconds = 60 * (Setting(pod, $"{VideoWorkerOptions.Section}__{nameof(VideoWorkerOptions.JobTimeoutMinutes)}") ?? new VideoWorkerOptions().JobTimeoutMinutes);
                    Assert.True(new VidsnapOptions { ShutdownGraceSeconds = shutdownGrace }.HandlerDrainTime.TotalSeconds > jobSeconds,
                        $"{overlay}: a stopping video worker must be able to finish a job of {jobSeconds} s");
                }
            }
        }
    }

    /// <summary>A number from the pod: its termination grace period, or an environment variable of its container.</summary>
    private static int? Setting(JsonNode pod, string name)
    {
        var text = name == "terminationGracePeriodSeconds"
            ? pod.Text(name)
            : pod["containers"]![0]!["env"]?.AsArray().FirstOrDefault(e => e.Text("name") == name).Text("value");
        return text is null ? null : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    [NeedsToolFact("kubectl")]
    public async Task ScaledObjects_scale_each_worker_on_the_sqs_queue_it_consumes()
    {
        Assert.Equal(QueueNames.All.Order(), WorkerQueues.Values.SelectMany(q => q).Order());
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            var config = objects.Find("ConfigMap", "vidsnap-config");
            var sqs = new SqsOptions();
            sqs.NamePrefix = config.Text("data", "Queues__Sqs__NamePrefix") ?? sqs.NamePrefix;
            var scaled = objects.Where(o => o.Text("kind") == "ScaledObject").ToList();
            Assert.Equal(WorkerQueues.Keys.Select(r => $"vidsnap-{r}").Order(), scaled.Select(s => s.Text("spec", "scaleTargetRef", "name")!).Order());

            foreach (var (role, queues) in WorkerQueues)
            {
                var scaledObject = scaled.Single(s => s.Text("spec", "scaleTargetRef", "name") == $"vidsnap-{role}");
                var where = $"{overlay}: ScaledObject for {role}";
                var target = objects.Find("Deployment", $"vidsnap-{role}");
                Assert.True(target.Text("spec", "template", "spec", "containers", 0, "args", 1) == role, where);
                Assert.True(scaledObject.Text("spec", "minReplicaCount") is "0" or "1", where);
                Assert.True(int.Parse(scaledObject.Text("spec", "maxReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture) >= 2, where);

                var triggers = scaledObject["spec"]!["triggers"]!.AsArray();
                Assert.True(triggers.Count == queues.Length, where);
                foreach (var (trigger, queue) in triggers.Zip(queues))
                {
                    Assert.True(trigger.Text("type") == "aws-sqs-queue", where);
                    var url = new Uri(trigger.Text("metadata", "queueURL")!);
                    Assert.True(url.Segments[^1] == sqs.QueueName(queue), $"{where}: {url} is not the queue {sqs.QueueName(queue)}");
                    Assert.True(trigger.Text("metadata", "awsRegion") == config.Text("data", "AWS_REGION"), $"{where}: KEDA and the roles must look at one region");
                    Assert.True(overlay != "local" || trigger.Text("metadata", "awsEndpoint") is not null, $"{where}: the local overlay asks its SQS stand-in");
                    Assert.True(trigger.Text("metadata", "queueLength") == (role == RoleSet.VideoWorker ? "1" : "50"), where);
                    objects.Find("TriggerAuthentication", trigger!.Text("authenticationRef", "name")!);
                }
            }
        }

        var aws = await Manifests.ObjectsAsync("aws");
        Assert.Equal("aws", aws.Find("TriggerAuthentication", "vidsnap-aws").Text("spec", "podIdentity", "provider"));
    }

    [NeedsToolFact("kubectl")]
    public async Task Http_roles_have_services_the_gateway_an_ingress_gateway_and_api_scale_on_cpu_and_a_job_migrates()
    {
        foreach (var overlay in Manifests.Overlays)
        {
            var objects = await Manifests.ObjectsAsync(overlay);
            foreach (var role in (string[])[RoleSet.Gateway, RoleSet.Auth, RoleSet.Api])
            {
                Assert.Equal(role, objects.Find("Service", $"vidsnap-{role}").Text("spec", "selector", "app.kubernetes.io/component"));
            }

            var config = objects.Find("ConfigMap", "vidsnap-config");
            Assert.StartsWith("http://vidsnap-auth:", config.Text("data", "Gateway__AuthUrl"), StringComparison.Ordinal);
            Assert.StartsWith("http://vidsnap-api:", config.Text("data", "Gateway__ApiUrl"), StringComparison.Ordinal);
            Assert.Equal("distributed", config.Text("data", "Vidsnap__Mode"));
            Assert.Equal("vidsnap-gateway", objects.Find("Ingress", "vidsnap").Text("spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"));
            foreach (var role in (string[])[RoleSet.Gateway, RoleSet.Api])
            {
                var hpa = objects.Find("HorizontalPodAutoscaler", $"vidsnap-{role}");
                Assert.Equal($"vidsnap-{role}", hpa.Text("spec", "scaleTargetRef", "name"));
                Assert.Equal("cpu", hpa.Text("spec", "metrics", 0, "resource", "name"));
            }

            Assert.All(RoleSet.All, role => Assert.Equal(role, objects.Find("PodDisruptionBudget", $"vidsnap-{role}").Text("spec", "selector", "matchLabels", "app.kubernetes.io/component")));
            Assert.Equal(HostCommands.Migrate, objects.Find("Job", "vidsnap-migrate").Text("spec", "template", "spec", "containers", 0, "args", 0));
        }
    }
}
