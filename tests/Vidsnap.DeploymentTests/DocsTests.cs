using System.Reflection;
using Vidsnap.DeploymentTests.Support;
using Vidsnap.Testing;
using Vidsnap.Host;

namespace Vidsnap.DeploymentTests;

public sealed class DocsTests
{
    /// <summary>
    /// The deployment guide lists every setting the application binds: each options class names its
    /// configuration section in a Section constant, and each settable property is a key under it.
    /// </summary>
    [Fact]
    public void The_deployment_guide_lists_every_setting_of_every_options_class()
    {
        var guide = File.ReadAllText(Repository.PathOf("docs/deploy.md"));
        var assemblies = new[] { typeof(RoleSet).Assembly }
            .Concat(typeof(RoleSet).Assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Vidsnap.", StringComparison.Ordinal)).Select(Assembly.Load));
        var keys = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null && t.Type.Name.EndsWith("Options", StringComparison.Ordinal))
            .SelectMany(t => t.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => $"{t.Section!.Replace(":", "__", StringComparison.Ordinal)}__{p.Name}"))
            .ToList();
        Assert.True(keys.Count > 40, $"Only {keys.Count} settings found; is the reflection still finding the options classes?");
        var missing = keys.Where(k => !guide.Contains(k, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/deploy.md does not mention: {string.Join(", ", missing)}");
    }
}
