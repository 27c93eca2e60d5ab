using System.Text.Json.Nodes;

namespace Vidsnap.DeploymentTests.Support;

/// <summary>The Kustomize overlays, rendered by `kubectl kustomize` as `kubectl apply -k` would render them.</summary>
public static class Manifests
{
    public static readonly string[] Overlays = ["local", "aws"];

    private static readonly Dictionary<string, Task<string>> Rendered = new(StringComparer.Ordinal);

    public static string OverlayPath(string overlay) => Path.Combine("deploy", "k8s", "overlays", overlay);

    public static Task<string> RenderAsync(string overlay)
    {
        lock (Rendered)
        {
            if (!Rendered.TryGetValue(overlay, out var task))
            {
                task = RenderOnceAsync(overlay);
                Rendered[overlay] = task;
            }

            return task;
        }
    }

    public static async Task<List<JsonObject>> ObjectsAsync(string overlay) => Yaml.Documents(await RenderAsync(overlay));

    public static JsonObject Find(this IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.SingleOrDefault(o => o.Text("kind") == kind && o.Text("metadata", "name") == name)
        ?? throw new Xunit.Sdk.XunitException($"No {kind} named {name} in the rendered manifests.");

    private static async Task<string> RenderOnceAsync(string overlay)
    {
        var result = await Tool.RunAsync("kubectl", "kustomize", OverlayPath(overlay));
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {OverlayPath(overlay)} failed:\n{result.StandardError}");
        return result.StandardOutput;
    }
}
